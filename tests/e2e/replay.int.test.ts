import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSettings, replay } from '@abep/cli';
import { DirectoryStore, readBytes } from '@abep/store';
import { createFixtureWeb, type FixtureWeb } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseEnv,
  describeDifferences,
  readLatestSnapshot,
  runOnce,
  type Snapshot,
  testLogger,
} from './support/harness.ts';

// An embedded crawl of the fixture web, then `abep replay` of that crawl's own WARC files into an empty store,
// both on the same fixed clock: the captures carry what the crawl knew (pipeline, LA, crawl, depth, failures),
// so the replay must publish the same register.
describe('replay of a crawl’s captures', () => {
  let fixture: FixtureWeb;
  let crawlDir = '';
  let replayDir = '';
  let crawled: Snapshot;
  let replayed: Snapshot;
  let replayResult: Awaited<ReturnType<typeof replay>>;
  const crawlId = 'c-20250106T100000Z-replay';
  const dirs: string[] = [];

  beforeAll(async () => {
    fixture = await createFixtureWeb({ councils: 8, slowMs: 50 });
    crawlDir = await mkdtemp(join(tmpdir(), 'abep-replay-crawl-'));
    replayDir = await mkdtemp(join(tmpdir(), 'abep-replay-again-'));
    const warcDir = await mkdtemp(join(tmpdir(), 'abep-replay-warc-'));
    dirs.push(crawlDir, replayDir, warcDir);
    const run = await runOnce(fixture, baseEnv(), { crawlId, storeDir: crawlDir });
    expect(run.summary.partnerships).toBeGreaterThan(0);
    crawled = (await readLatestSnapshot(new DirectoryStore(crawlDir))) as Snapshot;
    // The crawl's captures, copied out of its store as someone replaying them elsewhere would.
    const store = new DirectoryStore(crawlDir);
    const files: string[] = [];
    for await (const o of store.list(`warc/${crawlId}/`)) {
      const path = join(warcDir, o.key.split('/').at(-1) as string);
      await writeFile(path, (await readBytes(store, o.key)) as Buffer);
      files.push(path);
    }
    expect(files.length).toBeGreaterThan(0);
    replayResult = await replay(files, { storeDir: replayDir }, readSettings(baseEnv()), testLogger());
    replayed = (await readLatestSnapshot(new DirectoryStore(replayDir))) as Snapshot;
  }, 300_000);

  afterAll(async () => {
    await fixture?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('replays under the crawl’s own id', () => {
    expect(replayResult.crawlId).toBe(crawlId);
  });

  it('gives byte-identical partnerships.json and local-authorities.csv', () => {
    expect(replayed, 'replay published nothing').toBeDefined();
    const diff = describeDifferences(crawled, replayed);
    expect(
      replayed.files.get('partnerships.json')?.equals(crawled.files.get('partnerships.json') as Buffer),
      diff,
    ).toBe(true);
    expect(replayed.localAuthoritiesCsv, diff).toBe(crawled.localAuthoritiesCsv);
  });
});
