import { readFileSync } from 'node:fs';

export interface FixtureLa {
  laCode: string;
  name: string;
  officialName: string;
  region: string;
  laType: string;
}

/** The LA list in the reference data (../shared/data beside the repository root). */
function defaultLaCsvPath(): string {
  return new URL('../../../../shared/data/local-authorities.csv', import.meta.url).pathname;
}

function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The real English LAs of the reference data (names as people use them: nice_name). */
export function loadLocalAuthorities(csvPath: string = defaultLaCsvPath()): FixtureLa[] {
  const [header, ...rows] = readFileSync(csvPath, 'utf8').split(/\r?\n/).filter(Boolean);
  const columns = parseCsvLine(header ?? '');
  const at = (name: string) => columns.indexOf(name);
  return rows.map((line) => {
    const f = parseCsvLine(line);
    return {
      laCode: f[at('la_code')] ?? '',
      name: f[at('nice_name')] || (f[at('la_name')] ?? ''),
      officialName: f[at('official_name')] ?? '',
      region: f[at('region_name')] ?? '',
      laType: f[at('la_type')] ?? '',
    };
  });
}
