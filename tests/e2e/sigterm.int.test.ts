import { rm } from 'node:fs/promises';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pagesServed, requestCrawl, until, waitForSnapshot } from './support/distributed.ts';
import {
  contentDigests,
  deleteTopics,
  describeDifferences,
  embeddedBaseline,
  realEnv,
  recordsSummary,
  type Snapshot,
  s3StoreFor,
} from './support/harness.ts';
import {
  type ServiceName,
  type ServiceProcess,
  startAll,
  startService,
  stopAll,
} from './support/services.ts';

// Scenario 4: every service in its own process over the real broker and S3 server. One service gets
// SIGTERM while the crawl is under way and is started again; the snapshot must hold exactly the records
// of an undisturbed embedded run of the same fixture web (same fixed clock, same crawl id).
const CRAWL_ID = 'c-20250106T100000Z-e2e004';

/** Pages of partnership sites served so far (robots.txt aside). */
function partnershipPagesServed(fixture: FixtureWeb): number {
  const hosts = new Set(fixture.manifest.partnerships.map((p) => new URL(p.url).hostname));
  let n = 0;
  for (const [counted, count] of fixture.requests) {
    const slash = counted.indexOf('/');
    if (hosts.has(counted.slice(0, slash)) && !counted.endsWith('/robots.txt')) n += count;
  }
  return n;
}

describe('a service stopped with SIGTERM mid-crawl and restarted', () => {
  let fixture: FixtureWeb;
  let dir: string;
  let baseline: Snapshot;
  let running: Map<ServiceName, ServiceProcess> | undefined;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
    ({ dir, snapshot: baseline } = await embeddedBaseline(fixture, CRAWL_ID));
  }, 300_000);

  afterEach(async () => {
    if (running) await stopAll(running);
    running = undefined;
  });

  const prefixes: string[] = [];

  afterAll(async () => {
    for (const prefix of prefixes) await deleteTopics(prefix).catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const victim of ['crawler', 'extractor', 'normaliser', 'publisher'] as const) {
    it(`loses and duplicates no record when the ${victim} is stopped and restarted`, async () => {
      const { env, s3Prefix, topicPrefix } = realEnv(`sig-${victim}`);
      prefixes.push(topicPrefix);
      running = await startAll(env);
      const before = pagesServed(fixture);
      const partnershipsBefore = partnershipPagesServed(fixture);
      await requestCrawl(fixture, env, CRAWL_ID);
      // Stopped once partnership sites are being read, so every stage has work in flight (the normaliser
      // holds observations of partnerships it has not folded yet).
      await until(
        () =>
          pagesServed(fixture) - before >= 30 && partnershipPagesServed(fixture) - partnershipsBefore >= 3,
        120_000,
        'the crawl to reach partnership sites',
      );

      const stopped = running.get(victim) as ServiceProcess;
      const code = await stopped.stop('SIGTERM');
      expect(code, `${victim} did not exit cleanly on SIGTERM:\n${stopped.tail()}`).toBe(0);
      const served = pagesServed(fixture) - before;
      const restarted = startService(victim, env);
      running.set(victim, restarted);
      await restarted.ready;
      console.info(`[e2e] ${victim} stopped after ${served} pages served, restarted`);

      const snapshot = await waitForSnapshot(s3StoreFor(s3Prefix), CRAWL_ID, 240_000);
      const ids = snapshot.partnerships.map((p) => p.id);
      expect(new Set(ids).size, 'duplicated partnership ids').toBe(ids.length);
      expect(recordsSummary(snapshot)).toEqual(recordsSummary(baseline));
      // Every published file, LA profiles and candidates included, not the partnerships alone.
      expect(contentDigests(snapshot), describeDifferences(baseline, snapshot)).toEqual(
        contentDigests(baseline),
      );
    }, 420_000);
  }
});
