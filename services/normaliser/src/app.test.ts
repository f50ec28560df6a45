import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryBus } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { createLogger, silentLogger } from '@abep/logger';
import type {
  CrawlFinishedV1,
  CrawlNormalisedV1,
  LocalAuthorityProfileV1,
  PartnershipV1,
  RegisterRecordV1,
} from '@abep/schemas';
import { DirectoryStore, readJson } from '@abep/store';
import { eventually } from '@abep/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNormaliser } from './app.ts';
import { NormaliserConfig } from './config.ts';
import { laRole, pageExamined, partnershipObs } from './fixtures.ts';

const gazetteer = loadGazetteer();
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'normaliser-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function finished(crawlId: string, fetched: number): CrawlFinishedV1 {
  return {
    crawlId,
    startedAt: '2025-01-10T09:00:00Z',
    finishedAt: '2025-01-10T11:00:00Z',
    outcome: 'complete',
    counts: { requested: fetched + 1, fetched, unchanged: 0, failed: 1, failedByCode: { FETCH_TIMEOUT: 1 } },
    coverage: 1,
  };
}

async function collect(bus: ReturnType<typeof createMemoryBus>) {
  const register: RegisterRecordV1[] = [];
  const normalised: CrawlNormalisedV1[] = [];
  await bus.subscribe({
    topic: 'register.updated.v1',
    groupId: 'probe',
    handler: async (d) => void register.push(d.value),
  });
  await bus.subscribe({
    topic: 'crawl.normalised.v1',
    groupId: 'probe',
    handler: async (d) => void normalised.push(d.value),
  });
  return { register, normalised };
}

describe('normaliser app (in-process bus)', () => {
  it('turns a crawl’s observations into register records, 153 LA profiles and crawl.normalised', async () => {
    const bus = createMemoryBus();
    const store = new DirectoryStore(dir);
    const out = await collect(bus);
    const config = NormaliserConfig.parse({ graceMs: 60_000 });
    const app = createNormaliser({ bus, store, logger: silentLogger(), config, gazetteer, corrections: [] });
    await app.start();

    const council = 'https://www.manchester.gov.uk/education';
    await bus.publish('observation.extracted.v1', [
      partnershipObs({ url: council, kind: 'council', laCode: '352', name: 'Example Learning Partnership' }),
      partnershipObs({
        url: council,
        kind: 'council',
        laCode: '352',
        name: 'Example Academy Trust',
        decision: 'lookalike',
      }),
      laRole({ url: council, laCode: '352', roles: ['convener'] }),
      pageExamined({ url: council, kind: 'council', laCode: '352' }),
      pageExamined({ url: 'https://www.leeds.gov.uk/schools', kind: 'council', laCode: '383' }),
    ]);
    await bus.publish('crawl.failed.v1', [
      {
        crawlId: 'crawl-1',
        pipeline: 'la-websites',
        url: 'https://www.york.gov.uk/',
        depth: 0,
        failedAt: '2025-01-10T10:00:00Z',
        code: 'FETCH_TIMEOUT',
        message: 'timed out',
        attempts: 3,
        laCode: '816',
      },
    ]);
    await bus.publish('crawl.finished.v1', [finished('crawl-1', 2)]);

    await eventually(() => expect(out.normalised).toHaveLength(1));
    const done = out.normalised[0] as CrawlNormalisedV1;
    expect(done).toMatchObject({
      crawlId: 'crawl-1',
      pagesSeen: 2,
      pagesExpected: 2,
      partnerships: 1,
      localAuthorities: 153,
      rejectedMentions: 1,
      localAuthorityCoverage: { examined: 2, unreachable: 1, notCrawled: 150 },
    });
    const partnerships = out.register.filter((r): r is PartnershipV1 => r.kind === 'partnership');
    const profiles = out.register.filter((r): r is LocalAuthorityProfileV1 => r.kind === 'local-authority');
    expect(partnerships.map((p) => p.name)).toEqual(['Example Learning Partnership']);
    expect(profiles).toHaveLength(153);
    const manchester = profiles.find((p) => p.laCode === '352');
    expect(manchester).toMatchObject({
      coverage: 'crawled',
      roles: ['convener'],
      partnershipIds: [partnerships[0]?.id],
    });
    expect(manchester?.provenance['roles.convener']?.[0]?.sourceUrl).toBe(council);
    expect(profiles.find((p) => p.laCode === '383')).toMatchObject({
      coverage: 'crawled',
      partnershipIds: [],
      pagesExamined: ['https://www.leeds.gov.uk/schools'],
    });
    expect(profiles.find((p) => p.laCode === '816')?.coverage).toBe('unreachable');
    expect(profiles.find((p) => p.laCode === '201')?.coverage).toBe('not-crawled');
    const rejected = (await readJson(store, 'audit/crawl-1/rejected.json')) as { name: string }[];
    expect(rejected.map((r) => r.name)).toEqual(['Example Academy Trust']);

    // A restarted normaliser given the crawl's (settled) crawl.finished again does not fold it a second time.
    await app.close();
    const before = out.register.length;
    const logged: { crawlId?: string; skipped?: string }[] = [];
    const again = createNormaliser({
      bus,
      store,
      logger: createLogger({ destination: { write: (line: string) => void logged.push(JSON.parse(line)) } }),
      config,
      gazetteer,
      corrections: [],
    });
    await again.start();
    expect(again.state.entities.size).toBe(1);
    await bus.publish('crawl.finished.v1', [{ ...finished('crawl-1', 2), endedBy: 'settled' }]);
    // Either outcome ends the wait: the skip is logged, or a second fold announces itself.
    await eventually(() =>
      expect(logged.some((l) => l.skipped === 'ALREADY_NORMALISED') || out.normalised.length > 1).toBe(true),
    );
    expect(out.normalised).toHaveLength(1);
    expect(out.register.length).toBe(before);
    await again.close();
    await bus.close();
  });

  it('normalises after the grace period when pages are missing', async () => {
    const bus = createMemoryBus();
    const out = await collect(bus);
    const app = createNormaliser({
      bus,
      store: new DirectoryStore(dir),
      logger: silentLogger(),
      config: NormaliserConfig.parse({ graceMs: 50 }),
      gazetteer,
      corrections: [],
    });
    await app.start();
    await bus.publish('observation.extracted.v1', [
      pageExamined({ url: 'https://www.leeds.gov.uk/', laCode: '383', crawlId: 'c2' }),
    ]);
    await bus.publish('crawl.finished.v1', [finished('c2', 5)]);
    await eventually(() => expect(out.normalised).toHaveLength(1));
    expect(out.normalised[0]).toMatchObject({ pagesSeen: 1, pagesExpected: 5 });
    await app.close();
    await bus.close();
  });

  it('publishes a partnership gathered over its caps trimmed, and says what was cut in the audit', async () => {
    const bus = createMemoryBus();
    const store = new DirectoryStore(dir);
    const out = await collect(bus);
    const config = NormaliserConfig.parse({ graceMs: 60_000 });
    const app = createNormaliser({ bus, store, logger: silentLogger(), config, gazetteer, corrections: [] });
    await app.start();
    const pages = Array.from({ length: 4 }, (_, i) => `https://www.example-lp.org.uk/page-${i}`);
    await bus.publish(
      'observation.extracted.v1',
      pages.flatMap((url, i) => [
        partnershipObs({
          url,
          name: 'Example Learning Partnership',
          website: 'https://www.example-lp.org.uk/',
          areas: ['Manchester'],
          extra: { aliases: Array.from({ length: 50 }, (_, j) => `Alias ${i} ${j}`) },
        }),
        pageExamined({ url }),
      ]),
    );
    await bus.publish('crawl.finished.v1', [finished('crawl-1', pages.length)]);
    await eventually(() => expect(out.normalised).toHaveLength(1));
    const [record] = out.register.filter((r): r is PartnershipV1 => r.kind === 'partnership');
    expect(record?.aliases).toHaveLength(100);
    expect(await readJson(store, 'audit/crawl-1/truncated.json')).toEqual([
      { key: `partnership:${record?.id}`, cuts: ['aliases 200→100'] },
    ]);
    await app.close();
  });
});
