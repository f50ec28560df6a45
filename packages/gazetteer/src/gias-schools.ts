import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { schoolNameKey } from './school-name-key.ts';

/** One row of a GIAS establishment extract, reduced to what the register needs. */
export interface School {
  urn: string;
  laCode: string;
  name: string;
  status: string;
  phase: string;
  website: string | undefined;
}

export interface SchoolIndex {
  readonly size: number;
  get(urn: string): School | undefined;
  /**
   * URN of the school with this name in this LA. Open schools win over closed ones; undefined when no school
   * or more than one school of the same standing matches.
   */
  resolveSchool(name: string, laCode: string): string | undefined;
}

const OPEN = new Set(['Open', 'Open, but proposed to close', 'Proposed to open']);

export function createSchoolIndex(schools: Iterable<School>): SchoolIndex {
  const byUrn = new Map<string, School>();
  const byKey = new Map<string, School[]>();
  for (const school of schools) {
    byUrn.set(school.urn, school);
    const key = `${school.laCode}|${schoolNameKey(school.name)}`;
    const list = byKey.get(key);
    if (list) list.push(school);
    else byKey.set(key, [school]);
  }
  return {
    get size() {
      return byUrn.size;
    },
    get: (urn) => byUrn.get(urn),
    resolveSchool(name, laCode) {
      const matches = byKey.get(`${laCode}|${schoolNameKey(name)}`) ?? [];
      const open = matches.filter((s) => OPEN.has(s.status));
      const pool = open.length > 0 ? open : matches;
      return pool.length === 1 ? pool[0]?.urn : undefined;
    },
  };
}

/**
 * Streams a GIAS establishment extract (`edubasealldata*.csv`: Windows-1252, header row with columns such as
 * `URN`, `LA (code)`, `EstablishmentName`, `EstablishmentStatus (name)`, `PhaseOfEducation (name)`,
 * `SchoolWebsite`) into a SchoolIndex without holding the file's text in memory.
 */
export async function loadSchoolIndex(source: string | Readable): Promise<SchoolIndex> {
  const input = typeof source === 'string' ? createReadStream(source) : source;
  const rows = input
    .pipe(iconv.decodeStream('win1252'))
    .pipe(parse({ columns: true, bom: true, relax_column_count: true }));
  const schools: School[] = [];
  for await (const row of rows as AsyncIterable<Record<string, string>>) {
    const urn = row.URN?.trim();
    if (!urn) continue;
    schools.push({
      urn,
      laCode: (row['LA (code)'] ?? '').trim(),
      name: (row.EstablishmentName ?? '').trim(),
      status: (row['EstablishmentStatus (name)'] ?? '').trim(),
      phase: (row['PhaseOfEducation (name)'] ?? '').trim(),
      website: row.SchoolWebsite?.trim() || undefined,
    });
  }
  return createSchoolIndex(schools);
}
