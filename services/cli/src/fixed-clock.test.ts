import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixtureWeb, type FixtureWeb } from '@abep/fixture-web';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import { buildPlan, startCrawl } from '@abep/scheduler';
import { type CrawlFinishedV1, type TopicName, topicList } from '@abep/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInfra } from './infra.ts';
import { createRuntime } from './runtime.ts';
import { readSettings } from './settings.ts';

const FIXED = '2025-01-06T10:00:00.000Z';

/** Every `…At` time in a message, with where it was found. */
function timesIn(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) timesIn(v, `${path}[${i}]`, out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k.endsWith('At') && typeof v === 'string') out.push(`${path}.${k}=${v}`);
      else timesIn(v, `${path}.${k}`, out);
    }
}

describe('ABEP_FIXED_CLOCK', () => {
  let fixture: FixtureWeb;
  let dir = '';
  beforeAll(async () => {
    fixture = await createFixtureWeb({ councils: 3 });
    dir = await mkdtemp(join(tmpdir(), 'abep-clock-'));
  });
  afterAll(async () => {
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is the time of every message the crawler and the extractor write (requests, failures, discovered sites)', async () => {
    const settings = readSettings({
      ABEP_FIXED_CLOCK: FIXED,
      ABEP_STORE_DIR: dir,
      ABEP_FETCH_PER_HOST_DELAY_MS: '0',
      ABEP_EXTRACTOR_WORKERS: '1',
    });
    const logger = silentLogger();
    const infra = await openInfra(settings.infra, logger);
    const gazetteer = loadGazetteer(settings.run.referenceDataDir);
    const runtime = createRuntime({
      infra,
      settings,
      logger,
      gazetteer,
      services: ['tracker', 'crawler', 'extractor'],
      network: { lookup: fixture.hostLookup, allowPrivateNetworks: ['127.0.0.1/32'] },
    });
    const { promise: finished, resolve } = Promise.withResolvers<CrawlFinishedV1>();
    const sub = await infra.bus.subscribe({
      topic: 'crawl.finished.v1',
      groupId: 'clock-test',
      handler: async ({ value }) => resolve(value),
    });
    try {
      await runtime.start();
      const plan = buildPlan(
        {},
        {
          gazetteer,
          localAuthorities: fixture.manifest.councils.map((c) => ({
            laCode: c.laCode,
            name: c.name,
            website: c.url,
          })),
        },
      );
      const council = fixture.manifest.councils[0] as { url: string; laCode: string };
      // A page the fixture web does not have: a crawl.failed.v1.
      plan.seeds.push({
        url: new URL('/no-such-page', council.url).href,
        pipeline: 'la-websites',
        laCode: council.laCode,
      });
      await startCrawl(infra.bus, plan, { crawlId: 'c-clock', now: new Date(FIXED), deadlineMinutes: 30 });
      await finished;
    } finally {
      await sub.close();
      await runtime.close();
    }
    const times: string[] = [];
    const requests = { links: 0, discovered: 0 };
    let failures = 0;
    for (const topic of topicList) {
      for await (const read of infra.bus.readToEnd(topic.name as TopicName)) {
        if (!read.ok) continue;
        const value = read.delivery.value as { depth?: number; sourceUrl?: string; pipeline?: string };
        if (topic.name === 'crawl.failed.v1') failures++;
        if (topic.name === 'crawl.requested.v1' && value.sourceUrl) {
          if (value.depth === 0 && value.pipeline === 'partnership-sites') requests.discovered++;
          else requests.links++;
        }
        timesIn(read.delivery.value, topic.name, times);
      }
    }
    await infra.close();
    // Each writer's messages are there: the crawler's link requests and failures, the extractor's requests.
    expect(failures).toBeGreaterThan(0);
    expect(requests.links).toBeGreaterThan(0);
    expect(requests.discovered).toBeGreaterThan(0);
    expect(times.filter((t) => !t.endsWith(`=${FIXED}`))).toEqual([]);
  }, 120_000);
});
