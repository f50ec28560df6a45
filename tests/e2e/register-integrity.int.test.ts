import { createKafkaBus } from '@abep/bus-kafka';
import { type RunSummary, readSettings, runPipelineOnce } from '@abep/cli';
import type { LocalAuthorityProfileV1, PartnershipV1, RegisterRecordV1 } from '@abep/schemas';
import { createFixtureWeb, type FixtureWeb, kafkaBrokers, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvRows,
  deleteTopics,
  quietStderr,
  readLatestSnapshot,
  realEnv,
  type Snapshot,
  s3StoreFor,
  testLogger,
} from './support/harness.ts';

// A national crawl, then a targeted crawl of one LA, then three crawls with the web gone, all over the real
// Kafka broker and S3 server: the register must never get worse than the evidence each crawl had.
describe('register integrity across national, targeted and offline crawls', () => {
  let fixture: FixtureWeb;
  let real: ReturnType<typeof realEnv>;
  let national: { code: number; summary: RunSummary; snapshot: Snapshot };
  let targeted: { code: number; summary: RunSummary; snapshot: Snapshot };
  let offline: { code: number; summary: RunSummary; latest: string | undefined }[] = [];
  let target: string;

  const run = async (crawlId: string, la?: string[]) => {
    const result = await runPipelineOnce(
      { fixture, crawlId, ...(la ? { la } : {}) },
      readSettings(real.env),
      testLogger(),
      quietStderr(),
    );
    return { ...result, snapshot: (await readLatestSnapshot(s3StoreFor(real.s3Prefix))) as Snapshot };
  };

  async function register(): Promise<RegisterRecordV1[]> {
    const bus = createKafkaBus({
      brokers: kafkaBrokers(),
      clientId: `${real.topicPrefix}probe`,
      topicPrefix: real.topicPrefix,
    });
    const last = new Map<string, RegisterRecordV1>();
    try {
      for await (const r of bus.readToEnd('register.updated.v1'))
        if (r.ok) last.set(r.delivery.key ?? '', r.delivery.value);
    } finally {
      await bus.close();
    }
    return [...last.values()];
  }

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 6, slowMs: 50 });
    real = realEnv('integrity');
    target = fixture.manifest.councils[0]?.laCode as string;
    national = await run('c-20250106T100000Z-integ-national');
    targeted = await run('c-20250106T100000Z-integ-targeted', [target]);
    await fixture.close();
    offline = [];
    for (const n of [1, 2, 3]) {
      const r = await run(`c-20250106T100000Z-integ-offline${n}`);
      offline.push({ code: r.code, summary: r.summary, latest: r.snapshot?.version });
    }
  }, 900_000);

  afterAll(async () => {
    if (real?.topicPrefix) await deleteTopics(real.topicPrefix).catch(() => undefined);
  });

  it('publishes the national crawl, its coverage counting what was read', () => {
    expect(national.summary.outcome).not.toBe('failed');
    expect(national.summary.coverage).toBeGreaterThan(0);
    expect(national.snapshot.partnerships.length).toBeGreaterThan(0);
  });

  it('a targeted crawl changes only its LA’s slice: no other LA loses data, no partnership ages', () => {
    expect(targeted.summary.localAuthorityCoverage).toMatchObject({ examined: 1, unreachable: 0 });
    const before = csvRows(national.snapshot.localAuthoritiesCsv);
    const after = csvRows(targeted.snapshot.localAuthoritiesCsv);
    for (const [laCode, row] of before) if (laCode !== target) expect(after.get(laCode), laCode).toEqual(row);
    const unseen = (s: Snapshot) => Object.fromEntries(s.partnerships.map((p) => [p.id, p.crawlsUnseen]));
    expect(unseen(targeted.snapshot)).toEqual(unseen(national.snapshot));
  });

  it('an offline crawl fails with its reason, exit 1, and leaves latest where it was', () => {
    for (const o of offline) {
      expect(o.code).toBe(1);
      expect(o.summary.outcome).toBe('failed');
      expect(o.summary.coverage).toBe(0);
      expect(o.summary.reason).toMatch(/^nothing could be read: \d+ of \d+ requests failed/);
      expect(o.summary.snapshot.status).toBe('withheld');
      expect(o.latest).toBe(targeted.snapshot.version);
    }
  });

  it('three offline crawls age nothing, and unreachable LAs keep what was last read', async () => {
    const records = await register();
    const partnerships = records.filter((r): r is PartnershipV1 => r.kind === 'partnership');
    expect(partnerships.length).toBeGreaterThan(0);
    for (const p of partnerships) expect(p, p.id).toMatchObject({ crawlsUnseen: 0, status: 'active' });
    const profiles = new Map(
      records
        .filter((r): r is LocalAuthorityProfileV1 => r.kind === 'local-authority')
        .map((p) => [p.laCode, p]),
    );
    const read = JSON.parse(
      national.snapshot.files.get('local-authorities.json')?.toString('utf8') ?? '[]',
    ) as LocalAuthorityProfileV1[];
    for (const council of fixture.manifest.councils) {
      const profile = profiles.get(council.laCode);
      const last = read.find((p) => p.laCode === council.laCode);
      expect(last?.pagesExamined.length, council.laCode).toBeGreaterThan(0);
      expect(profile, council.laCode).toMatchObject({
        coverage: 'unreachable',
        roles: last?.roles,
        pagesExamined: last?.pagesExamined,
        lastCrawled: last?.lastCrawled,
      });
    }
  });
});
