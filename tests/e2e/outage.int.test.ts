import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { EXIT, exitCodeFor } from '@abep/cli';
import { isAbepError } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { createFixtureWeb, type FixtureWeb, kafkaBrokers, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesServed, until } from './support/distributed.ts';
import {
  baseEnv,
  deleteTopics,
  describeDifferences,
  readLatestSnapshot,
  realEnv,
  recordsSummary,
  runOnce,
  type Snapshot,
  s3StoreFor,
} from './support/harness.ts';
import { REPO } from './support/services.ts';

// Scenario 5: the shared Kafka broker, then the shared S3 server, stopped for a few seconds while
// `abep run` (over Kafka and S3) is working; then the broker stopped for longer than the run's outage bound. Other suites use the same servers, so each outage is short
// and the server is always started again, even when the run fails.
const CRAWL_ID = 'c-20250106T100000Z-e2e005';
const OUTAGE_MS = 6000;

async function infraScript(script: 'kafka' | 's3', command: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('bash', [`infra/${script}.sh`, command], { cwd: REPO, timeout: 180_000 });
}

describe('infrastructure outages during a run', () => {
  let fixture: FixtureWeb;
  let dir: string;
  let baseline: Snapshot;
  /** Requests one whole run makes to the fixture web. */
  let baselineRequests = 0;

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 12, slowMs: 200 });
    dir = await mkdtemp(join(tmpdir(), 'abep-outage-'));
    await runOnce(fixture, baseEnv(), { crawlId: CRAWL_ID, storeDir: dir });
    baseline = (await readLatestSnapshot(new DirectoryStore(dir))) as Snapshot;
    baselineRequests = pagesServed(fixture);
  }, 300_000);

  const prefixes: string[] = [];

  afterAll(async () => {
    for (const prefix of prefixes) await deleteTopics(prefix).catch(() => undefined);
    await infraScript('kafka', 'start').catch(() => undefined);
    await infraScript('s3', 'start').catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    // Deleting topics on a broker just restarted, and checking both servers are up again, took over 10 s under load.
  }, 180_000);

  it('completes and publishes the undisturbed snapshot when the Kafka broker restarts mid-crawl', async () => {
    const { env, s3Prefix, topicPrefix } = realEnv('out-kafka');
    prefixes.push(topicPrefix);
    const before = pagesServed(fixture);
    const run = runOnce(fixture, env, { crawlId: CRAWL_ID });
    run.catch(() => undefined);
    await until(() => pagesServed(fixture) - before >= 30, 120_000, 'the crawl to get under way');
    await infraScript('kafka', 'stop');
    try {
      await sleep(OUTAGE_MS);
    } finally {
      await infraScript('kafka', 'start');
    }
    const { summary } = await run;
    expect(summary.snapshot.status).toBe('published');
    const snapshot = (await readLatestSnapshot(s3StoreFor(s3Prefix))) as Snapshot;
    expect(recordsSummary(snapshot)).toEqual(recordsSummary(baseline));
    expect(
      snapshot.files.get('partnerships.json')?.equals(baseline.files.get('partnerships.json') as Buffer),
      describeDifferences(baseline, snapshot),
    ).toBe(true);
  }, 600_000);

  it('completes and publishes the undisturbed snapshot when the S3 server is down as the crawl ends', async () => {
    const { env, s3Prefix, topicPrefix } = realEnv('out-s3');
    prefixes.push(topicPrefix);
    const before = pagesServed(fixture);
    const run = runOnce(fixture, env, { crawlId: CRAWL_ID });
    run.catch(() => undefined);
    // Stop S3 as this run nears the baseline's request count: the last WARC files, then normalising and
    // publishing, all meet the outage.
    await until(
      () => pagesServed(fixture) - before >= Math.floor(baselineRequests * 0.9),
      180_000,
      'the crawl to near its end',
    );
    await infraScript('s3', 'stop');
    try {
      await sleep(OUTAGE_MS);
    } finally {
      await infraScript('s3', 'start');
    }
    const { summary } = await run;
    expect(summary.snapshot.status).toBe('published');
    const snapshot = (await readLatestSnapshot(s3StoreFor(s3Prefix))) as Snapshot;
    expect(recordsSummary(snapshot)).toEqual(recordsSummary(baseline));
    expect(
      snapshot.files.get('partnerships.json')?.equals(baseline.files.get('partnerships.json') as Buffer),
      describeDifferences(baseline, snapshot),
    ).toBe(true);
  }, 600_000);

  it('ends with BUS_UNAVAILABLE naming the brokers (exit 3) soon after the broker stays down past ABEP_RUN_OUTAGE_SECONDS', async () => {
    const outageSeconds = 5;
    const { env, topicPrefix } = realEnv('out-kafka-long');
    prefixes.push(topicPrefix);
    const before = pagesServed(fixture);
    const run = runOnce(
      fixture,
      { ...env, ABEP_RUN_OUTAGE_SECONDS: String(outageSeconds) },
      { crawlId: CRAWL_ID },
    );
    run.catch(() => undefined);
    await until(() => pagesServed(fixture) - before >= 30, 120_000, 'the crawl to get under way');
    await infraScript('kafka', 'stop');
    const stoppedAt = Date.now();
    // Bounded, so a run that waits the outage out fails here, with the broker started again, not at the test timeout.
    const giveUp = new AbortController();
    const notEnded = sleep(outageSeconds * 1000 + 90_000, undefined, { signal: giveUp.signal }).then(
      () => new Error('the run had not ended'),
      () => undefined,
    );
    let error: unknown;
    try {
      error = await Promise.race([
        run.then(
          () => new Error('the run succeeded'),
          (err: unknown) => err,
        ),
        notEnded,
      ]);
    } finally {
      giveUp.abort();
      await infraScript('kafka', 'start');
    }
    const after = Date.now() - stoppedAt;
    console.log(`broker stopped; the run ended ${Math.round(after / 1000)} s later: ${String(error)}`);
    expect(isAbepError(error) && error.code).toBe('BUS_UNAVAILABLE');
    expect(String((error as Error).message)).toContain(kafkaBrokers()[0]);
    expect(exitCodeFor(error)).toBe(EXIT.unavailable);
    // The bound, a probe, and a bounded close with the broker gone, with room for a loaded machine; far under
    // the run's own limit (its deadline, grace and a minute).
    expect(after).toBeLessThan(outageSeconds * 1000 + 60_000);
  }, 600_000);
});
