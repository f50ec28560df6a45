import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AbepError } from '@abep/schemas';
import { parse } from 'csv-parse/sync';

/** GIAS phase of education, as a slug: "Middle deemed primary" → "middle-deemed-primary"; newer URNs may be "unknown". */
export type SchoolPhase =
  | 'nursery'
  | 'primary'
  | 'middle-deemed-primary'
  | 'middle-deemed-secondary'
  | 'secondary'
  | 'all-through'
  | '16-plus'
  | 'not-applicable'
  | 'unknown';

export const SCHOOL_PHASES: readonly SchoolPhase[] = [
  'nursery',
  'primary',
  'middle-deemed-primary',
  'middle-deemed-secondary',
  'secondary',
  'all-through',
  '16-plus',
  'not-applicable',
  'unknown',
];

/** One establishment from the GIAS lists (section 7 and 8 of the reference data README). */
export interface GiasSchool {
  urn: string;
  name: string;
  /** DfE 3-digit LA code; undefined for non-English rows and for newer URNs whose LA could not be derived. */
  laCode: string | undefined;
  phase: SchoolPhase;
  /** Open English state school in the July 2025 list. */
  openState: boolean;
  status: string;
  town: string | undefined;
}

export const ESTABLISHMENTS_FILE = 'gias-establishments-2024-06-17.csv';
export const OPEN_SCHOOLS_FILE = 'rtt-schools-gias-2025-07-11.csv';
export const LINKS_FILE = 'gias-establishment-links.csv';

/**
 * A UTF-8 CSV read whole, checked for the columns the register needs, as objects holding only those columns.
 * A missing file or column is one CONFIG_INVALID error whose message names the file and the column.
 */
export function readListCsv<C extends string>(
  dataDir: string,
  file: string,
  columns: readonly C[],
): Record<C, string>[] {
  const path = join(dataDir, file);
  if (!existsSync(path)) throw new AbepError('CONFIG_INVALID', `school list ${path} is missing`);
  let rows: string[][];
  try {
    // Arrays, not objects: a third faster on the 51,000-row list.
    rows = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    throw new AbepError('CONFIG_INVALID', `school list ${path} is not valid CSV: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  const at = columns.map((column) => {
    const i = header.indexOf(column);
    if (i < 0) throw new AbepError('CONFIG_INVALID', `school list ${path} has no column "${column}"`);
    return i;
  });
  const out: Record<C, string>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] as string[];
    const obj = {} as Record<C, string>;
    columns.forEach((c, j) => {
      obj[c] = (row[at[j] as number] ?? '').trim();
    });
    out.push(obj);
  }
  return out;
}

export function phaseOf(text: string | undefined): SchoolPhase {
  const slug = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return (SCHOOL_PHASES as readonly string[]).includes(slug) ? (slug as SchoolPhase) : 'unknown';
}
