import { rm } from 'node:fs/promises';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// Issue 11: two crawler processes in one consumer group over the real broker and S3 server, every other
// service in its own process. One crawler is killed with SIGKILL mid-crawl and not started again: the other
// takes over its partitions and finishes the crawl, and the snapshot holds exactly the records of an
// undisturbed embedded run of the same fixture web (same fixed clock, same crawl id).
const CRAWL_ID = 'c-20250106T100000Z-e2e-scale-kill';

describe('one of two crawlers killed with SIGKILL mid-crawl', () => {
  let fixture: FixtureWeb;
  let dir: string;
  let baseline: Snapshot;
  let running: Map<ServiceName, ServiceProcess> | undefined;
  let survivor: ServiceProcess | undefined;
  let topicPrefix: string | undefined;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
    ({ dir, snapshot: baseline } = await embeddedBaseline(fixture, CRAWL_ID));
  }, 300_000);

  afterAll(async () => {
    if (running) await stopAll(running);
    await survivor?.stop('SIGTERM');
    if (topicPrefix) await deleteTopics(topicPrefix).catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the other crawler finishes the crawl, and the snapshot equals the undisturbed one', async () => {
    const real = realEnv('scale-kill');
    topicPrefix = real.topicPrefix;
    running = await startAll(real.env);
    survivor = startService('crawler', real.env);
    await survivor.ready;
    const before = pagesServed(fixture);
    await requestCrawl(fixture, real.env, CRAWL_ID);
    await until(() => pagesServed(fixture) - before >= 40, 120_000, 'the two crawlers to get under way');
    const victim = running.get('crawler') as ServiceProcess;
    await victim.stop('SIGKILL');
    running.delete('crawler');
    const servedAtKill = pagesServed(fixture) - before;

    const snapshot = await waitForSnapshot(s3StoreFor(real.s3Prefix), CRAWL_ID, 300_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\nsurviving crawler:\n${survivor?.tail()}`);
      },
    );
    console.info(
      `[e2e] one crawler killed after ${servedAtKill} pages served; ${pagesServed(fixture) - before} in all`,
    );
    expect(pagesServed(fixture) - before).toBeGreaterThan(servedAtKill);
    expect(recordsSummary(snapshot)).toEqual(recordsSummary(baseline));
    expect(contentDigests(snapshot), describeDifferences(baseline, snapshot)).toEqual(
      contentDigests(baseline),
    );
  }, 480_000);
});
