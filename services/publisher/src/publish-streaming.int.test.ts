import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapFiles } from '@abep/map';
import { createS3Store } from '@abep/store-s3';
import { requireService, s3TestConfig, uniqueId } from '@abep/testkit';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { fromRecords } from './read-register.ts';
import { downloadVersion } from './snapshots.ts';
import { partnership, profile } from './test-support/fixtures.ts';
import { gazetteer, publisherFor, registerBus } from './test-support/harness.ts';

let work = '';
beforeAll(async () => {
  await requireService('s3');
  work = await mkdtemp(join(tmpdir(), 'abep-publisher-stream-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('streamed publishing against the real S3 server', () => {
  it('streams files made again into create-only puts, with every byte matching the manifest', async () => {
    const store = createS3Store({ ...s3TestConfig(), prefix: `${uniqueId('pubstream')}/` });
    const records = [
      ...Array.from({ length: 60 }, (_, i) => partnership(i + 1)),
      profile('202', 'E09000007', 'Camden'),
    ];
    const result = await publisherFor((await registerBus(records)).bus, store, {
      keepBytesUpTo: 0,
    }).publishNow();
    expect(result.status).toBe('published');
    const expected = buildSnapshot(
      fromRecords(records),
      gazetteer.localAuthorities,
      await gazetteer.geometry(),
      { siteFiles: await mapFiles() },
    );
    expect(result.contentHash).toBe(expected.contentHash);

    const got = await downloadVersion({ store }, 'latest', join(work, 'dl'));
    expect(got.files).toHaveLength(23);
    const sha = Object.fromEntries(got.files.map((f) => [f.path, f.sha256]));
    for (const f of expected.files) expect(sha[f.path], f.path).toBe(f.sha256);

    const again = await publisherFor((await registerBus(records)).bus, store, {
      keepBytesUpTo: 0,
    }).publishNow();
    expect(again).toMatchObject({ status: 'unchanged', version: result.version });
  }, 60_000);

  it('publishes Parquet with smaller row groups that DuckDB reads as the same table', async () => {
    const store = createS3Store({ ...s3TestConfig(), prefix: `${uniqueId('pubstream')}/` });
    const records = Array.from({ length: 2500 }, (_, i) => partnership(i + 1));
    const result = await publisherFor((await registerBus(records)).bus, store, {
      keepBytesUpTo: 0,
      config: { parquetRowGroupRows: 1000 },
    }).publishNow();
    expect(result.status).toBe('published');
    const dir = join(work, 'rg');
    await downloadVersion({ store }, 'latest', dir);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      const pq = join(dir, 'partnerships.parquet');
      const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
      expect(
        await read(`select count(distinct row_group_id)::int as row_groups from parquet_metadata('${pq}')`),
      ).toEqual([{ row_groups: 3 }]);
      expect(await read(`select count(*)::int n, max(id) as last_id from read_parquet('${pq}')`)).toEqual([
        { n: 2500, last_id: 'abep-000001xg' },
      ]);
      expect(await read(`select la_codes from read_parquet('${pq}') where id = 'abep-00000007'`)).toEqual([
        { la_codes: ['352', '926'] },
      ]);
    } finally {
      conn.closeSync();
    }
  }, 60_000);
});
