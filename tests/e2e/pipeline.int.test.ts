import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore } from '@abep/store';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAgainstFixture } from './support/expectations.ts';
import {
  baseEnv,
  contentDigests,
  csvRows,
  deleteTopics,
  describeDifferences,
  readLatestSnapshot,
  realEnv,
  runOnce,
  type Snapshot,
  s3StoreFor,
} from './support/harness.ts';

// Scenarios 1 and 2: one fixture web, crawled once through the real Kafka broker and S3 server and once
// embedded (in-process bus + directory store), with the same fixed clock and crawl id.
const CRAWL_ID = 'c-20250106T100000Z-e2e001';

describe('the whole pipeline on the fixture web', () => {
  let fixture: FixtureWeb;
  let dir: string;
  let real: Snapshot;
  let embedded: Snapshot;
  let topicPrefix: string | undefined;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
    dir = await mkdtemp(join(tmpdir(), 'abep-e2e-'));

    const r = realEnv('e2e-real');
    topicPrefix = r.topicPrefix;
    const realRun = await runOnce(fixture, r.env, { crawlId: CRAWL_ID });
    expect(realRun.summary.infra).toMatch(/^kafka .* \+ s3 /);
    real = (await readLatestSnapshot(s3StoreFor(r.s3Prefix))) as Snapshot;

    const embeddedRun = await runOnce(fixture, baseEnv(), { crawlId: CRAWL_ID, storeDir: dir });
    expect(embeddedRun.summary.infra).toMatch(/^in-process bus \+ directory /);
    embedded = (await readLatestSnapshot(new DirectoryStore(dir))) as Snapshot;
  }, 600_000);

  afterAll(async () => {
    if (topicPrefix) await deleteTopics(topicPrefix).catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes, through Kafka and S3, every partnership the fixture web describes, with provenance and no look-alikes', () => {
    expect(real, 'no snapshot in S3 (latest.json missing)').toBeDefined();
    const check = checkAgainstFixture(fixture.manifest, real.partnerships);
    console.info(`[e2e] real run ${real.version}: ${JSON.stringify(check, null, 1)}`);
    expect(check.missed, 'fixture partnerships missing from the register').toEqual([]);
    expect(check.leaked, 'records that are not fixture partnerships (look-alikes?)').toEqual([]);
    expect(check.wrong).toEqual([]);
    expect(check.provenance).toEqual([]);
  });

  it('publishes a profile for all 153 local authorities, crawled ones linked to their partnership', () => {
    const rows = csvRows(real.localAuthoritiesCsv);
    expect(rows.size).toBe(153);
    expect(real.manifest.rows.localAuthorities).toBe(153);
    for (const council of fixture.manifest.councils) {
      const row = rows.get(council.laCode);
      expect(row?.coverage, `LA ${council.laCode}`).toBe('crawled');
      const partnership = fixture.manifest.partnerships.find((p) => p.id === council.partnershipId);
      if (partnership) expect(row?.partnership_names, `LA ${council.laCode}`).toContain(partnership.name);
      else expect(row?.partnership_count, `LA ${council.laCode}`).toBe('0');
    }
  });

  it('produces byte-identical content files embedded and through Kafka + S3', () => {
    expect(embedded, 'no snapshot in the directory store').toBeDefined();
    const listed = (s: Snapshot) => s.manifest.files.map((f) => f.path).sort();
    expect(listed(embedded)).toEqual(listed(real));
    expect(contentDigests(embedded), describeDifferences(real, embedded)).toEqual(contentDigests(real));
    expect(embedded.manifest.contentHash).toBe(real.manifest.contentHash);
    expect(embedded.version).toBe(real.version);
  });
});
