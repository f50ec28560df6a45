import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { fromRecords } from './read-register.ts';
import { partnership, profile } from './test-support/fixtures.ts';
import { gazetteer } from './test-support/harness.ts';

describe('the data dictionary', () => {
  it('lists every column of every CSV in header order, with an example from the data and read types', async () => {
    const content = buildSnapshot(
      fromRecords([partnership(1), partnership(2), profile('202', 'E09000007', 'Camden')]),
      gazetteer.localAuthorities,
      await gazetteer.geometry(),
    );
    const text = (path: string) => content.files.find((f) => f.path === path)?.body.toString('utf8') ?? '';
    const dictionary = parse(text('data-dictionary.csv'), { columns: true }) as Record<string, string>[];
    const csvs = content.files
      .map((f) => f.path)
      .filter((p) => p.endsWith('.csv') && p !== 'data-dictionary.csv');
    expect(new Set(dictionary.map((r) => r.file))).toEqual(new Set(csvs));
    for (const path of csvs) {
      const header = (parse(text(path), { to_line: 1 }) as string[][])[0];
      expect(
        dictionary.filter((r) => r.file === path).map((r) => r.column),
        path,
      ).toEqual(header);
    }
    const company = dictionary.find((r) => r.file === 'partnerships.csv' && r.column === 'company_number');
    expect(company).toMatchObject({ example: '01234567', pandas_dtype: 'string', duckdb_type: 'VARCHAR' });
    const founded = dictionary.find((r) => r.file === 'partnerships.csv' && r.column === 'founded_year');
    expect(founded).toMatchObject({ type: 'integer', pandas_dtype: 'Int64', duckdb_type: 'BIGINT' });
    expect(text('data-dictionary.md')).toContain(
      '| `company_number` | string |  | Companies House number | `01234567` |',
    );
  });
});
