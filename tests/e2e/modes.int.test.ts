import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunSummary, readSettings, runPipelineOnce } from '@abep/cli';
import { DirectoryStore } from '@abep/store';
import { createFixtureWeb, type FixtureWeb, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseEnv,
  contentDigests,
  deleteTopics,
  describeDifferences,
  type Env,
  quietStderr,
  readLatestSnapshot,
  realEnv,
  type Snapshot,
  s3StoreFor,
  testLogger,
} from './support/harness.ts';

// One register state, the same in both modes: a national crawl then a targeted crawl of one LA, run once
// embedded (the register kept in the directory store between the two runs) and once over the real Kafka
// broker and S3 server (the register kept by the compacted topic), same fixture web, clock and crawl ids.
describe('the same crawl sequence embedded and over Kafka + S3', () => {
  let fixture: FixtureWeb;
  let dir = '';
  let topicPrefix: string | undefined;
  const embedded: Snapshot[] = [];
  const real: Snapshot[] = [];
  const summaries: RunSummary[] = [];

  const sequence = async (env: Env, storeDir: string | undefined, read: () => Promise<Snapshot>) => {
    const out: Snapshot[] = [];
    const target = fixture.manifest.councils[0]?.laCode as string;
    for (const [crawlId, la] of [
      ['c-20250106T100000Z-modes-national', undefined],
      ['c-20250106T100000Z-modes-targeted', [target]],
    ] as const) {
      const { summary } = await runPipelineOnce(
        { fixture, crawlId, ...(la ? { la: [...la] } : {}), ...(storeDir ? { storeDir } : {}) },
        readSettings(env),
        testLogger(),
        quietStderr(),
      );
      summaries.push(summary);
      const snapshot = await read();
      // The version this run made (a held one is not latest), compared by its content hash.
      expect(
        snapshot.version,
        `run ${crawlId}: ${summary.snapshot.status} ${summary.snapshot.reason ?? ''}`,
      ).toBe(summary.snapshot.version);
      out.push(snapshot);
    }
    return out;
  };

  beforeAll(async () => {
    await requireService('kafka');
    await requireService('s3');
    fixture = await createFixtureWeb({ councils: 6, slowMs: 50 });
    dir = await mkdtemp(join(tmpdir(), 'abep-modes-'));
    embedded.push(
      ...(await sequence(
        baseEnv(),
        dir,
        async () => (await readLatestSnapshot(new DirectoryStore(dir))) as Snapshot,
      )),
    );
    const r = realEnv('modes');
    topicPrefix = r.topicPrefix;
    real.push(
      ...(await sequence(
        r.env,
        undefined,
        async () => (await readLatestSnapshot(s3StoreFor(r.s3Prefix))) as Snapshot,
      )),
    );
  }, 900_000);

  afterAll(async () => {
    if (topicPrefix) await deleteTopics(topicPrefix).catch(() => undefined);
    await fixture?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes the national crawl and handles the targeted one the same way in both modes', () => {
    const statuses = summaries.map((s) => s.snapshot.status);
    expect(statuses[0]).toBe('published');
    expect(statuses.slice(2)).toEqual(statuses.slice(0, 2));
  });

  it('the embedded targeted crawl keeps the national register: its partnerships and other LAs carry forward', () => {
    const [national, targeted] = embedded as [Snapshot, Snapshot];
    expect(targeted.partnerships.length).toBeGreaterThanOrEqual(national.partnerships.length);
  });

  it('gives byte-identical content files after each crawl, embedded and over Kafka + S3', () => {
    for (const i of [0, 1]) {
      const e = embedded[i] as Snapshot;
      const k = real[i] as Snapshot;
      expect(contentDigests(e), `run ${i}: ${describeDifferences(k, e)}`).toEqual(contentDigests(k));
      expect(e.version).toBe(k.version);
    }
  });
});
