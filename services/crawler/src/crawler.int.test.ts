import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Bus, createBus } from '@abep/bus';
import { createKafkaClient, KafkaTransport } from '@abep/bus-kafka';
import { createFetcher, type FetcherConfigInput } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { type CrawlRequestedV1, topicList } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { createS3Store } from '@abep/store-s3';
import { createFixtureWeb, type FixtureWeb, kafkaBrokers, requireService, s3TestConfig } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrawler } from './app.ts';
import { replayWarc } from './replay.ts';

const FETCHER: FetcherConfigInput = {
  perHostMinDelayMs: 0,
  perHostConcurrency: 2,
  globalConcurrency: 32,
  timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 1000, totalMs: 10_000 },
  maxBodyBytes: 10 * 1024 * 1024,
  retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 500, maxRetryAfterMs: 5000 },
  allowPrivateNetworks: ['127.0.0.1/32'],
};
const SCOPE = { maxDepth: 3, maxPagesPerHost: 500 };
/** A crawl that settles nothing new for this long is stuck (the slowest fixture page takes 3 s; retries 1.5 s). */
const STALL_MS = 60_000;
/**
 * Only a backstop: the waits fail first, naming their stage. A full crawl took 180+ s at load 12–20 on 2 cores
 * (980 of 1,086 pages settled at 180 s), so the crawl's own time is not a good deadline.
 */
const BACKSTOP_MS = 900_000;
const TUNING = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 300,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
  redeliveryDelayMs: 20,
};

interface Settle {
  kind: 'fetched' | 'failed';
  url: string;
  finalUrl?: string;
  sha256?: string;
  code?: string;
}

async function kafkaBus(): Promise<{ bus: Bus; topicPrefix: string; dispose(): Promise<void> }> {
  const topicPrefix = `t-crawler-${randomUUID().slice(0, 8)}.`;
  const transport = new KafkaTransport({
    brokers: kafkaBrokers(),
    clientId: 'crawler-int',
    topicPrefix,
    consumer: TUNING,
  });
  await transport.ensureTopics();
  const bus = createBus(transport);
  return {
    bus,
    topicPrefix,
    async dispose() {
      await bus.close();
      const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'crawler-int' }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: topicList.map((t) => topicPrefix + t.name) }).catch(() => {});
      await admin.disconnect();
    },
  };
}

function s3Store(prefix: string): ObjectStore {
  return createS3Store({ ...s3TestConfig(), prefix });
}

async function emptyPrefix(store: ObjectStore): Promise<void> {
  const keys: string[] = [];
  for await (const o of store.list('')) keys.push(o.key);
  for (let i = 0; i < keys.length; i += 50)
    await Promise.all(keys.slice(i, i + 50).map((k) => store.delete(k)));
}

async function collectSettles(
  bus: Bus,
  crawlId: string,
): Promise<{ settles: Settle[]; close(): Promise<void> }> {
  const settles: Settle[] = [];
  const groupId = `observer-${randomUUID().slice(0, 8)}`;
  const fetched = await bus.subscribe({
    topic: 'page.fetched.v1',
    groupId: `${groupId}-fetched`,
    handler: async ({ value }) => {
      if (value.crawlId === crawlId)
        settles.push({ kind: 'fetched', url: value.url, finalUrl: value.finalUrl, sha256: value.sha256 });
    },
  });
  const failed = await bus.subscribe({
    topic: 'crawl.failed.v1',
    groupId: `${groupId}-failed`,
    handler: async ({ value }) => {
      if (value.crawlId === crawlId) settles.push({ kind: 'failed', url: value.url, code: value.code });
    },
  });
  return { settles, close: async () => void (await Promise.all([fetched.close(), failed.close()])) };
}

/**
 * Waits until every URL has settled. The crawl's speed depends on the machine's load, so there is no fixed
 * deadline: it fails when no new URL has settled for `stallMs`, naming what is missing.
 */
async function waitForAll(settles: Settle[], urls: string[], stallMs: number): Promise<void> {
  let lastCount = -1;
  let lastProgressAt = Date.now();
  for (;;) {
    const seen = new Set(settles.map((s) => s.url));
    const missing = urls.filter((u) => !seen.has(u));
    if (missing.length === 0) return;
    if (seen.size !== lastCount) [lastCount, lastProgressAt] = [seen.size, Date.now()];
    else if (Date.now() - lastProgressAt > stallMs) {
      // A failed seed or robots.txt leaves its host's pages unrequested: the failures say why they never came.
      const failures: Record<string, number> = {};
      for (const s of settles) if (s.code) failures[s.code] = (failures[s.code] ?? 0) + 1;
      throw new Error(
        `stalled waiting for every page to settle: nothing new for ${stallMs} ms, ${missing.length} of ${urls.length} never did, e.g. ${missing.slice(0, 5).join(', ')}; failures so far ${JSON.stringify(failures)}`,
      );
    }
    await sleep(200);
  }
}

/** Every settle of the crawl on the topics now: what was published, whatever an observer has seen so far. */
async function readSettles(bus: Bus, crawlId: string): Promise<Settle[]> {
  const settles: Settle[] = [];
  for await (const r of bus.readToEnd('page.fetched.v1')) {
    const v = r.ok ? r.delivery.value : undefined;
    if (v?.crawlId === crawlId)
      settles.push({ kind: 'fetched', url: v.url, finalUrl: v.finalUrl, sha256: v.sha256 });
  }
  for await (const r of bus.readToEnd('crawl.failed.v1')) {
    const v = r.ok ? r.delivery.value : undefined;
    if (v?.crawlId === crawlId) settles.push({ kind: 'failed', url: v.url, code: v.code });
  }
  return settles;
}

/** Polls until `done`; fails naming the stage it waited for when `progress` has not changed for `stallMs`. */
async function waitUntil(stage: string, done: () => boolean, progress: () => string, stallMs: number) {
  let last = progress();
  let lastChangeAt = Date.now();
  while (!done()) {
    const now = progress();
    if (now !== last) [last, lastChangeAt] = [now, Date.now()];
    else if (Date.now() - lastChangeAt > stallMs)
      throw new Error(`stalled waiting for ${stage}: no change for ${stallMs} ms (${now})`);
    await sleep(50);
  }
}

function seedsOf(urls: string[], crawlId: string): CrawlRequestedV1[] {
  return urls.map((url) => ({
    crawlId,
    pipeline: 'fixture-web',
    url,
    depth: 0,
    requestedAt: new Date().toISOString(),
  }));
}

describe('crawler on the real Kafka broker and S3 server', () => {
  let web: FixtureWeb;
  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    web = await createFixtureWeb({ seed: 3, councils: 55, slowMs: 3000 });
  }, 60_000);
  afterAll(async () => web?.close());

  it(
    'settles every in-scope page of a 55-council fixture web exactly once, hostile pages with their codes, and replays to the same hashes',
    async () => {
      const { bus, dispose } = await kafkaBus();
      const store = s3Store(`crawler-int/${randomUUID().slice(0, 8)}/`);
      const crawlId = `crawl-${randomUUID().slice(0, 8)}`;
      const fetcher = createFetcher(FETCHER, { logger: silentLogger(), lookup: web.hostLookup });
      const crawler = createCrawler({
        bus,
        store,
        fetcher,
        logger: silentLogger(),
        config: { warcRollMs: 300, groupId: `crawler-${crawlId}` },
        pipelines: { scopeFor: () => SCOPE },
      });
      const observer = await collectSettles(bus, crawlId);
      try {
        await crawler.start();
        const started = Date.now();
        await bus.publish('crawl.requested.v1', seedsOf(web.manifest.seeds, crawlId));
        const expected = web.manifest.expected;
        await waitForAll(
          observer.settles,
          expected.map((e) => e.url),
          STALL_MS,
        );
        const elapsed = Date.now() - started;
        // Idle (nothing in flight or queued), everything it settled is on the topics: read them, not the observer.
        await waitUntil(
          'the crawler to go idle',
          () => crawler.stats().totals.inFlight === 0 && crawler.stats().totals.queued === 0,
          () => JSON.stringify(crawler.stats().totals),
          STALL_MS,
        );
        const settles = await readSettles(bus, crawlId);

        const byUrl = new Map<string, Settle[]>();
        for (const s of settles) byUrl.set(s.url, [...(byUrl.get(s.url) ?? []), s]);
        expect(expected.length).toBeGreaterThan(900);
        expect([...byUrl.keys()].filter((u) => !expected.some((e) => e.url === u))).toEqual([]);
        expect([...byUrl.entries()].filter(([, s]) => s.length !== 1).map(([u]) => u)).toEqual([]);
        for (const e of expected) {
          const [settle] = byUrl.get(e.url) ?? [];
          if (e.expect.outcome === 'fetched') expect(settle, e.url).toMatchObject({ kind: 'fetched' });
          else expect(e.expect.codes, `${e.url} settled as ${settle?.code}`).toContain(settle?.code);
        }
        // The robots-disallowed page was never requested from the server; the private addresses were never reached.
        expect(web.requests.get('www.robots-closed.test/private/report')).toBeUndefined();
        expect(web.requests.get('internal.hostile.test/')).toBeUndefined();
        const totals = crawler.stats().totals;
        expect(totals.robotsBlocked).toBe(1);
        console.info(`crawled ${expected.length} pages in ${elapsed} ms; totals ${JSON.stringify(totals)}`);

        await crawler.flush();
        const crawled = settles
          .filter((s) => s.kind === 'fetched')
          .map((s) => `${s.finalUrl} ${s.sha256}`)
          .sort();
        const replayed: string[] = [];
        for await (const m of replayWarc({
          store,
          prefix: `warc/${crawlId}/`,
          crawlId: `${crawlId}-replay`,
          pipeline: 'fixture-web',
        })) {
          replayed.push(`${m.finalUrl} ${m.sha256}`);
        }
        expect(replayed.sort()).toEqual(crawled);
      } finally {
        await observer.close();
        await crawler.close();
        await fetcher.close();
        await dispose();
        await emptyPrefix(store);
      }
    },
    BACKSTOP_MS,
  );
});
