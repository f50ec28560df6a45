import type { CsvRow } from './csv.ts';
import { splitList } from './csv.ts';
import { nameKey } from './name-key.ts';

/** One of DfE's 87 teaching school hubs (a look-alike, never an area-based partnership). */
export interface TeachingSchoolHub {
  code: string;
  name: string;
  regionName: string;
  website: string | undefined;
  /** Local authority districts as published (lower tier). */
  areaNames: string[];
  /** Upper-tier DfE LA codes the areas fall in. */
  laCodes: string[];
}

export function hubFromRow(row: CsvRow): TeachingSchoolHub {
  return {
    code: row.tsh_area_code ?? '',
    name: row.hub_name ?? '',
    regionName: row.region_name ?? '',
    website: row.website || undefined,
    areaNames: splitList(row.area_names),
    laCodes: splitList(row.la_codes),
  };
}

/** True for a listed hub's name (any case/punctuation) or any name calling itself a teaching school hub. */
export function createHubMatcher(hubs: readonly TeachingSchoolHub[]): (name: string) => boolean {
  const names = new Set(hubs.map((h) => nameKey(h.name)));
  return (name) => {
    const key = nameKey(name);
    return names.has(key) || /\bteaching school hub\b/.test(key);
  };
}
