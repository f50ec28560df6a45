import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AbepError, LaRole, PageKind } from '@abep/schemas';
import { parse } from 'csv-parse/sync';

/** One row of pages.csv. */
export interface PageLabel {
  file: string;
  url: string;
  pageKind: PageKind;
  /** Label ids of the bodies the page describes. */
  partnerships: string[];
  /** `LA name=role` statements the page supports. */
  laRoles: { laName: string; role: LaRole }[];
  notes: string;
}

/** One row of partnerships.csv (the columns the scorer reads). */
export interface PartnershipLabel {
  id: string;
  name: string;
  isAbep: boolean;
  /** `[borderline]` in the notes: a judgement call, scored as neither a hit nor a miss. */
  borderline: boolean;
  websiteDomain: string;
  localAuthorities: string[];
  legalForm: string;
  companyNumber: string;
  charityNumber: string;
  foundedYear: number | undefined;
  /** Free text, e.g. "about twenty primary schools". */
  memberCount: string;
  sourceUrls: string[];
  notes: string;
}

/** One row of la-roles.csv. */
export interface LaRoleLabel {
  laName: string;
  role: LaRole;
  url: string;
  excerpt: string;
}

export interface Labels {
  dir: string;
  pages: PageLabel[];
  partnerships: PartnershipLabel[];
  laRoles: LaRoleLabel[];
}

export interface LabelTexts {
  'pages.csv': string;
  'partnerships.csv': string;
  'la-roles.csv': string;
}

const LABEL_FILES = ['pages.csv', 'partnerships.csv', 'la-roles.csv'] as const;

const COLUMNS: Record<keyof LabelTexts, string[]> = {
  'pages.csv': ['file', 'url', 'page_kind', 'partnerships', 'la_roles', 'notes'],
  'partnerships.csv': [
    'id',
    'name',
    'is_abep',
    'website_domain',
    'local_authorities',
    'legal_form',
    'company_number',
    'charity_number',
    'founded_year',
    'member_count',
    'source_urls',
    'notes',
  ],
  'la-roles.csv': ['la_name', 'role', 'url', 'excerpt'],
};

const list = (text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function invalid(file: string, what: string): AbepError {
  return new AbepError('CONFIG_INVALID', `${file}: ${what}`, { details: { file } });
}

function rowsOf(file: string, text: string, where: string): Record<string, string>[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false });
  } catch (cause) {
    throw new AbepError('CONFIG_INVALID', `${where}: not valid CSV (${(cause as Error).message})`, { cause });
  }
  const header = parse(text, { to_line: 1, bom: true })[0] as string[] | undefined;
  const missing = COLUMNS[file as keyof LabelTexts].filter((c) => !header?.includes(c));
  if (missing.length)
    throw invalid(where, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return rows;
}

/**
 * Pure: the three label files' text in, typed labels out. Anything malformed throws CONFIG_INVALID naming the
 * file (and line) and what is wrong, so a bad labels directory is one clear line, not a wrong score.
 */
export function parseLabels(texts: LabelTexts, dir = '.'): Labels {
  const where = (file: string) => join(dir, file);
  const pages = rowsOf('pages.csv', texts['pages.csv'], where('pages.csv')).map((row, i): PageLabel => {
    const line = `${where('pages.csv')} line ${i + 2}`;
    const kind = PageKind.safeParse(row.page_kind);
    if (!kind.success)
      throw invalid(line, `page_kind "${row.page_kind}" is not one of ${PageKind.options.join(', ')}`);
    if (!row.url) throw invalid(line, 'url is empty');
    const laRoles = list(row.la_roles ?? '').map((pair) => {
      const at = pair.lastIndexOf('=');
      const role = LaRole.safeParse(pair.slice(at + 1).trim());
      if (at < 1 || !role.success)
        throw invalid(line, `la_roles "${pair}" is not "LA name=funder|convener|deliverer"`);
      return { laName: pair.slice(0, at).trim(), role: role.data };
    });
    return {
      file: row.file ?? '',
      url: row.url,
      pageKind: kind.data,
      partnerships: list(row.partnerships ?? ''),
      laRoles,
      notes: row.notes ?? '',
    };
  });
  const partnerships = rowsOf('partnerships.csv', texts['partnerships.csv'], where('partnerships.csv')).map(
    (row, i): PartnershipLabel => {
      const line = `${where('partnerships.csv')} line ${i + 2}`;
      if (!row.id || !row.name) throw invalid(line, 'id and name must not be empty');
      if (row.is_abep !== 'true' && row.is_abep !== 'false')
        throw invalid(line, `is_abep "${row.is_abep}" is not true or false`);
      const year = row.founded_year ? Number(row.founded_year) : undefined;
      if (year !== undefined && !Number.isInteger(year))
        throw invalid(line, `founded_year "${row.founded_year}" is not a year`);
      return {
        id: row.id,
        name: row.name,
        isAbep: row.is_abep === 'true',
        borderline: (row.notes ?? '').includes('[borderline]'),
        websiteDomain: (row.website_domain ?? '').trim().toLowerCase(),
        localAuthorities: list(row.local_authorities ?? ''),
        legalForm: row.legal_form ?? '',
        companyNumber: (row.company_number ?? '').trim(),
        charityNumber: (row.charity_number ?? '').trim(),
        foundedYear: year,
        memberCount: row.member_count ?? '',
        sourceUrls: list(row.source_urls ?? ''),
        notes: row.notes ?? '',
      };
    },
  );
  const laRoles = rowsOf('la-roles.csv', texts['la-roles.csv'], where('la-roles.csv')).map(
    (row, i): LaRoleLabel => {
      const role = LaRole.safeParse(row.role);
      if (!role.success || !row.la_name)
        throw invalid(
          `${where('la-roles.csv')} line ${i + 2}`,
          `role "${row.role}" of "${row.la_name}" is not valid`,
        );
      return { laName: row.la_name, role: role.data, url: row.url ?? '', excerpt: row.excerpt ?? '' };
    },
  );
  const ids = new Set<string>();
  for (const p of partnerships) {
    if (ids.has(p.id)) throw invalid(where('partnerships.csv'), `id ${p.id} appears twice`);
    ids.add(p.id);
  }
  for (const [i, page] of pages.entries()) {
    const unknown = page.partnerships.filter((id) => !ids.has(id));
    if (unknown.length)
      throw invalid(
        `${where('pages.csv')} line ${i + 2}`,
        `partnerships ${unknown.join(', ')} not in partnerships.csv`,
      );
  }
  return { dir, pages, partnerships, laRoles };
}

/** Reads `<dir>/pages.csv`, `partnerships.csv` and `la-roles.csv`. */
export async function loadLabels(dir: string): Promise<Labels> {
  const texts = {} as LabelTexts;
  for (const file of LABEL_FILES) {
    texts[file] = await readFile(join(dir, file), 'utf8').catch((cause: NodeJS.ErrnoException) => {
      throw invalid(
        join(dir, file),
        cause.code === 'ENOENT'
          ? 'does not exist (labels directory needs pages.csv, partnerships.csv, la-roles.csv)'
          : cause.message,
      );
    });
  }
  return parseLabels(texts, dir);
}
