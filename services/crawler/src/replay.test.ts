import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrawlFailedV1, PageFetchedV1 } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { crawlContextHeaders, FAILURE_HEADER, WarcWriter } from '@abep/warc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replayWarc } from './replay.ts';

let dir: string;
let store: DirectoryStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crawler-replay-'));
  store = new DirectoryStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const page = (url: string, warcHeaders: Record<string, string> = {}) => ({
  url,
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: Buffer.from('<p>hello</p>'),
  date: '2025-01-06T10:00:00.000Z',
  warcHeaders,
});

async function replayAll(keys: string[]) {
  const messages: PageFetchedV1[] = [];
  const failures: CrawlFailedV1[] = [];
  for await (const m of replayWarc({
    store,
    crawlId: 'c-replay',
    pipeline: 'la-websites',
    keys,
    guess: (url) =>
      url.includes('council')
        ? { pipeline: 'la-websites', laCode: '202' }
        : { pipeline: 'partnership-sites' },
    onFailure: (f) => failures.push(f),
  }))
    messages.push(m);
  return { messages, failures };
}

describe('replayWarc', () => {
  it('gives each capture the pipeline, LA, requested URL, depth and source it was crawled for, and each recorded failure', async () => {
    const writer = new WarcWriter({ store, crawlId: 'c-crawl', writerId: 'w' });
    const context = { crawlId: 'c-crawl', pipeline: 'partnership-sites', laCode: '202' };
    const a = await writer.append(
      page(
        'http://www.council.test/schools/',
        crawlContextHeaders({
          ...context,
          requestedUrl: 'http://www.council.test/schools',
          depth: 2,
          sourceUrl: 'http://www.council.test/',
        }),
      ),
    );
    const failure: CrawlFailedV1 = {
      crawlId: 'c-crawl',
      pipeline: 'la-websites',
      url: 'http://www.unreachable.test/',
      depth: 0,
      failedAt: '2025-01-06T10:00:01.000Z',
      code: 'FETCH_DNS',
      message: 'no such host',
      attempts: 1,
      laCode: '352',
    };
    await writer.appendMetadata({
      url: failure.url,
      date: failure.failedAt,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(failure)),
      warcHeaders: {
        ...crawlContextHeaders({ crawlId: 'c-crawl', pipeline: 'la-websites', laCode: '352' }),
        [FAILURE_HEADER]: 'FETCH_DNS',
      },
    });
    await writer.close();
    await a.stored;
    const { messages, failures } = await replayAll([a.key]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      crawlId: 'c-replay',
      pipeline: 'partnership-sites',
      laCode: '202',
      url: 'http://www.council.test/schools',
      finalUrl: 'http://www.council.test/schools/',
      depth: 2,
      sourceUrl: 'http://www.council.test/',
    });
    expect(failures).toEqual([{ ...failure, crawlId: 'c-replay' }]);
  });

  it('guesses pipeline and LA by host for captures without the crawler’s headers', async () => {
    const writer = new WarcWriter({ store, crawlId: 'c-crawl', writerId: 'w' });
    const a = await writer.append(page('http://www.council.test/'));
    const b = await writer.append(page('http://www.partnership.test/'));
    await writer.close();
    await Promise.all([a.stored, b.stored]);
    const { messages } = await replayAll([a.key]);
    expect(messages.map((m) => [m.pipeline, m.laCode ?? null, m.depth])).toEqual([
      ['la-websites', '202', 0],
      ['partnership-sites', null, 0],
    ]);
  });
});
