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

describe('the optional byte-order mark', () => {
  it('starts every CSV with a UTF-8 BOM when asked, says utf-8-sig in the data package, and DuckDB reads the header', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { planSnapshot } = await import('./build-snapshot.ts');
    const register = fromRecords([partnership(1), profile('202', 'E09000007', 'Camden')]);
    const boundaries = await gazetteer.geometry();
    const plain = planSnapshot(register, gazetteer.localAuthorities, boundaries);
    const bom = planSnapshot(register, gazetteer.localAuthorities, boundaries, { csvBom: true });
    const body = (plan: typeof plain, path: string) =>
      plan.files.find((f) => f.path === path)?.body as Buffer;
    for (const f of bom.files.filter((x) => x.path.endsWith('.csv'))) {
      expect([...body(bom, f.path).subarray(0, 3)], f.path).toEqual([0xef, 0xbb, 0xbf]);
      expect(body(bom, f.path).subarray(3).equals(body(plain, f.path)), f.path).toBe(true);
    }
    expect(body(plain, 'partnerships.csv')[0]).toBe('i'.charCodeAt(0));
    const pkg = JSON.parse(body(bom, 'datapackage.json').toString('utf8'));
    expect(pkg.resources.find((r: { path: string }) => r.path === 'partnerships.csv').encoding).toBe(
      'utf-8-sig',
    );
    expect(bom.contentHash).not.toBe(plain.contentHash);

    const file = join(await mkdtemp(join(tmpdir(), 'abep-bom-')), 'partnerships.csv');
    await writeFile(file, body(bom, 'partnerships.csv'));
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (
      await conn.runAndReadAll(`select id from read_csv('${file}', header = true)`)
    ).getRowObjectsJson();
    conn.closeSync();
    expect(rows).toEqual([{ id: 'abep-00000001' }]);
  }, 30_000);
});
