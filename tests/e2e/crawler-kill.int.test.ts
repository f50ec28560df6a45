import type { Bus, Subscription } from '@abep/bus';
import { createKafkaBus } from '@abep/bus-kafka';
import { createFixtureWeb, type FixtureWeb, kafkaBrokers, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestCrawl, until } from './support/distributed.ts';
import { deleteTopics, realEnv, testLogger } from './support/harness.ts';
import {
  type ServiceName,
  type ServiceProcess,
  startAll,
  startService,
  stopAll,
} from './support/services.ts';

// The crawler (`abep serve crawler`) killed with SIGKILL mid-crawl (no drain, no offset commit) and started
// again: every page requested in the crawl still settles, and only the few in flight at the kill settle twice.
const CRAWL_ID = 'c-20250106T100000Z-e2e-crawler-kill9';

interface Seen {
  requested: Set<string>;
  settles: Map<string, string[]>;
  /** Requests seen per source page, and how many each fetched page said it requested (its largest settle). */
  linksSeen: Map<string, number>;
  linksAnnounced: Map<string, number>;
}

/** Every request settled, and every link a fetched page announced has been seen requested. */
function crawlSettled(seen: Seen): boolean {
  if (seen.requested.size === 0) return false;
  for (const url of seen.requested) if (!seen.settles.has(url)) return false;
  for (const [url, n] of seen.linksAnnounced) if ((seen.linksSeen.get(url) ?? 0) < n) return false;
  return true;
}

async function observe(bus: Bus, crawlId: string): Promise<{ seen: Seen; close(): Promise<void> }> {
  const seen: Seen = {
    requested: new Set(),
    settles: new Map(),
    linksSeen: new Map(),
    linksAnnounced: new Map(),
  };
  const settle = (url: string, how: string) => seen.settles.set(url, [...(seen.settles.get(url) ?? []), how]);
  const group = `observer-${crawlId}`;
  const subs: Subscription[] = await Promise.all([
    bus.subscribe({
      topic: 'crawl.requested.v1',
      groupId: `${group}-requested`,
      fromBeginning: true,
      handler: async ({ value }) => {
        if (value.crawlId !== crawlId) return;
        seen.requested.add(value.url);
        if (value.sourceUrl)
          seen.linksSeen.set(value.sourceUrl, (seen.linksSeen.get(value.sourceUrl) ?? 0) + 1);
      },
    }),
    bus.subscribe({
      topic: 'page.fetched.v1',
      groupId: `${group}-fetched`,
      fromBeginning: true,
      handler: async ({ value }) => {
        if (value.crawlId !== crawlId) return;
        settle(value.url, 'fetched');
        const links = Math.max(value.linksRequested ?? 0, seen.linksAnnounced.get(value.url) ?? 0);
        seen.linksAnnounced.set(value.url, links);
      },
    }),
    bus.subscribe({
      topic: 'crawl.failed.v1',
      groupId: `${group}-failed`,
      fromBeginning: true,
      handler: async ({ value }) => {
        if (value.crawlId === crawlId) settle(value.url, value.code);
      },
    }),
  ]);
  return { seen, close: async () => void (await Promise.all(subs.map((s) => s.close()))) };
}

describe('the crawler killed with SIGKILL mid-crawl and restarted', () => {
  let fixture: FixtureWeb;
  let running: Map<ServiceName, ServiceProcess> | undefined;
  let observer: Awaited<ReturnType<typeof observe>> | undefined;
  let bus: Bus | undefined;
  let topicPrefix: string | undefined;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
  }, 60_000);

  afterAll(async () => {
    if (running) await stopAll(running);
    await observer?.close();
    await bus?.close();
    if (topicPrefix) await deleteTopics(topicPrefix).catch(() => undefined);
    await fixture?.close();
  });

  it('settles every requested page, only those in flight at the kill twice', async () => {
    const real = realEnv('kill9-crawler');
    topicPrefix = real.topicPrefix;
    const env = { ...real.env, ABEP_FETCH_PER_HOST_DELAY_MS: '0', ABEP_CRAWLER_WARC_ROLL_MS: '300' };
    running = await startAll(env, ['crawler']);
    bus = createKafkaBus({
      brokers: kafkaBrokers(),
      clientId: 'e2e-crawler-kill',
      topicPrefix,
      logger: testLogger(),
    });
    observer = await observe(bus, CRAWL_ID);
    const { seen } = observer;
    await requestCrawl(fixture, env, CRAWL_ID);
    await until(() => seen.settles.size >= 40, 120_000, 'the crawler to settle 40 pages');
    await (running.get('crawler') as ServiceProcess).stop('SIGKILL');
    const settledBeforeKill = seen.settles.size;
    const restarted = startService('crawler', env);
    running.set('crawler', restarted);
    await restarted.ready;

    await until(() => crawlSettled(seen), 240_000, 'every request to settle after the restart').catch(
      (err: Error) => {
        const unsettled = [...seen.requested].filter((url) => !seen.settles.has(url));
        throw new Error(
          `${err.message}: ${unsettled.length} unsettled, e.g. ${unsettled.slice(0, 3).join(', ')}\n${restarted.tail()}`,
        );
      },
    );
    expect(seen.settles.size).toBeGreaterThan(settledBeforeKill);
    const twice = [...seen.settles.values()].filter((s) => s.length > 1).length;
    console.info(
      `killed after ${settledBeforeKill} settled; ${seen.settles.size} settled in all, ${twice} twice (in flight at the kill)`,
    );
    // Only pages in flight at the kill may settle twice: a handful, never a refetch of the whole crawl.
    expect(twice).toBeLessThan(seen.settles.size * 0.1);
  }, 420_000);
});
