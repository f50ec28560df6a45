import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore, readBytes } from '@abep/store';
import { describe, expect, it } from 'vitest';
import { crawlContextHeaders, crawlContextOf } from './crawl-context.ts';
import { iterateWarc } from './iterate-warc.ts';
import { readWarcRecord } from './read-record.ts';
import { WarcWriter } from './warc-writer.ts';

describe('crawl context in WARC headers', () => {
  it('round-trips pipeline, LA, crawl, requested URL, depth and source through a stored WARC', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warc-context-'));
    try {
      const store = new DirectoryStore(dir);
      const writer = new WarcWriter({ store, crawlId: 'c1', writerId: 'w1' });
      const context = {
        crawlId: 'c1',
        pipeline: 'la-websites',
        laCode: '202',
        requestedUrl: 'http://www.camden.test/schools',
        depth: 2,
        sourceUrl: 'http://www.camden.test/',
      };
      const appended = await writer.append({
        url: 'http://www.camden.test/schools/',
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: Buffer.from('<p>hi</p>'),
        date: '2025-01-06T10:00:00.000Z',
        warcHeaders: crawlContextHeaders(context),
      });
      await writer.close();
      await appended.stored;
      expect(crawlContextOf((await readWarcRecord(store, appended)).warcHeaders)).toEqual(context);
      const entries = [];
      for await (const e of iterateWarc([(await readBytes(store, appended.key)) as Buffer])) entries.push(e);
      expect(entries.map((e) => crawlContextOf(e.warcHeaders))).toEqual([context]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads as empty for records without them, and leaves out what was not known', () => {
    expect(crawlContextOf({ 'WARC-Type': 'response' })).toEqual({});
    expect(crawlContextHeaders({ crawlId: 'c1', pipeline: 'partnership-sites', depth: 0 })).toEqual({
      'WARC-Abep-Crawl-Id': 'c1',
      'WARC-Abep-Pipeline': 'partnership-sites',
      'WARC-Abep-Depth': '0',
    });
  });
});
