import { rm } from 'node:fs/promises';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesServed, requestCrawl, until, waitForSnapshot } from './support/distributed.ts';
import {
  deleteTopics,
  describeDifferences,
  embeddedBaseline,
  realEnv,
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

// The normaliser killed with SIGKILL mid-crawl (no drain, no commit on the way out) and started again: its fold
// must not depend on what it held in memory, so the snapshot equals an undisturbed embedded run's.
const CRAWL_ID = 'c-20250106T100000Z-e2e-kill9';

describe('the normaliser killed with SIGKILL mid-crawl and restarted', () => {
  let fixture: FixtureWeb;
  let dir = '';
  let baseline: Snapshot;
  let running: Map<ServiceName, ServiceProcess> | undefined;
  let topicPrefix: string | undefined;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
    ({ dir, snapshot: baseline } = await embeddedBaseline(fixture, CRAWL_ID));
  }, 300_000);

  afterAll(async () => {
    if (running) await stopAll(running);
    if (topicPrefix) await deleteTopics(topicPrefix).catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes the same partnerships.json as the undisturbed run', async () => {
    const real = realEnv('kill9-normaliser');
    topicPrefix = real.topicPrefix;
    running = await startAll(real.env);
    const before = pagesServed(fixture);
    await requestCrawl(fixture, real.env, CRAWL_ID);
    await until(() => pagesServed(fixture) - before >= 40, 120_000, 'the crawl to get under way');
    const victim = running.get('normaliser') as ServiceProcess;
    await victim.stop('SIGKILL');
    const restarted = startService('normaliser', real.env);
    running.set('normaliser', restarted);
    await restarted.ready;

    const snapshot = await waitForSnapshot(s3StoreFor(real.s3Prefix), CRAWL_ID, 240_000);
    expect(
      snapshot.files.get('partnerships.json')?.equals(baseline.files.get('partnerships.json') as Buffer),
      describeDifferences(baseline, snapshot),
    ).toBe(true);
    expect(snapshot.localAuthoritiesCsv).toBe(baseline.localAuthoritiesCsv);
  }, 420_000);
});
