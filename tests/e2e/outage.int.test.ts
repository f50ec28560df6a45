import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { DirectoryStore } from '@abep/store';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesServed, until } from './support/distributed.ts';
import {
  baseEnv,
  deleteTopics,
  describeDifferences,
  readLatestSnapshot,
  realEnv,
  runOnce,
  type Snapshot,
  s3StoreFor,
} from './support/harness.ts';
import { REPO } from './support/services.ts';

// Scenario 5: the shared Kafka broker, then the shared S3 server, stopped for a few seconds while
// `abep run` (over Kafka and S3) is working. Other suites use the same servers, so each outage is short
// and the server is always started again, even when the run fails.
const CRAWL_ID = 'c-20250106T100000Z-e2e005';
const OUTAGE_MS = 6000;

async function infraScript(script: 'kafka' | 's3', command: 'start' | 'stop'): Promise<void> {
  await promisify(execFile)('bash', [`infra/${script}.sh`, command], { cwd: REPO, timeout: 180_000 });
}

function recordsSummary(s: Snapshot) {
  return s.partnerships.map((p) => `${p.id} ${p.name} [${p.localAuthorities.map((l) => l.laCode)}]`).sort();
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
});
