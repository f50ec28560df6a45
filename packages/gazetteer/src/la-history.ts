import type { CsvRow } from './csv.ts';
import { nameKey } from './name-key.ts';

export interface LaHistoryRow {
  laCode: string;
  laName: string;
  gssCode: string;
  status: 'live' | 'terminated';
  dateOfOperation: string;
  dateOfTermination: string | undefined;
  regionCode: string;
  combined: boolean;
}

export function historyFromRow(row: CsvRow): LaHistoryRow {
  return {
    laCode: row.la_code ?? '',
    laName: row.la_name ?? '',
    gssCode: row.gss_code ?? '',
    status: row.status === 'terminated' ? 'terminated' : 'live',
    dateOfOperation: row.date_of_operation ?? '',
    dateOfTermination: row.date_of_termination || undefined,
    regionCode: row.region_code ?? '',
    combined: row.is_combined_reporting_unit === 'yes',
  };
}

function dayAfter(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const STOP = new Set(['and', 'of', 'the', 'city', 'county', 'east', 'west', 'north', 'south', 'central']);
function stems(name: string): Set<string> {
  return new Set(
    nameKey(name)
      .split(' ')
      .filter((w) => !STOP.has(w))
      .map((w) => w.replace(/shire$/, '')),
  );
}

/**
 * The rows that took over from a terminated row. The history file has no successor column, so it is derived:
 * rows in the same region that began the day after it ended; the same DfE code wins (a re-coded LA), else rows
 * sharing a name stem ("Northamptonshire" → North/West Northamptonshire), else all of them (Cumbria →
 * Cumberland + Westmorland and Furness).
 */
export function directSuccessors(rows: readonly LaHistoryRow[], row: LaHistoryRow): LaHistoryRow[] {
  if (row.status !== 'terminated' || !row.dateOfTermination) return [];
  const start = dayAfter(row.dateOfTermination);
  const candidates = rows.filter(
    (r) => !r.combined && r !== row && r.regionCode === row.regionCode && r.dateOfOperation === start,
  );
  const sameCode = candidates.filter((r) => /^\d{3}$/.test(row.laCode) && r.laCode === row.laCode);
  if (sameCode.length > 0) return sameCode;
  const mine = stems(row.laName);
  const named = candidates.filter((r) => [...stems(r.laName)].some((w) => mine.has(w)));
  return named.length > 0 ? named : candidates;
}
