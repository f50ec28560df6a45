import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DirectoryStore, readBytes } from '@abep/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { iterateWarc } from './iterate-warc.ts';
import { readWarcRecord } from './read-record.ts';
import { serializeRecord } from './serialize.ts';
import { WarcWriter } from './warc-writer.ts';

let dir: string;
let store: DirectoryStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'warc-test-'));
  store = new DirectoryStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const page = (n: number) => ({
  url: `http://council-${n}.test/education/page-${n}?q=${n}`,
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8', etag: `"v${n}"`, 'content-encoding': 'gzip' },
  body: Buffer.from(`<html><body><h1>Page ${n}</h1>${'é'.repeat(n * 100)}</body></html>`),
  date: '2025-05-01T10:00:00.000Z',
});

describe('WarcWriter and readWarcRecord', () => {
  it('round-trips each capture by its offset and length, after the file is stored', async () => {
    const writer = new WarcWriter({ store, crawlId: 'c1', writerId: 'w1', maxPendingMs: 60_000 });
    const results = [];
    for (let n = 1; n <= 5; n++) results.push(await writer.append(page(n)));
    expect(await store.head(results[0]!.key)).toBeUndefined();
    await writer.roll();
    await Promise.all(results.map((r) => r.stored));
    expect(results[0]!.key).toBe('warc/c1/w1-00001.warc.gz');
    for (const [i, pointer] of [...results].reverse().entries()) {
      const n = 5 - i;
      const record = await readWarcRecord(store, pointer);
      expect(record.targetUri).toBe(page(n).url);
      expect(record.status).toBe(200);
      expect(record.body.equals(page(n).body)).toBe(true);
      expect(record.contentType).toBe('text/html');
      expect(record.headers.etag).toBe(`"v${n}"`);
      // The stored payload is decoded: a reader must not try to gunzip it again.
      expect(record.headers['content-encoding']).toBeUndefined();
      expect(record.date).toBe('2025-05-01T10:00:00.000Z');
    }
  });

  it('rolls to a new file at the size limit and on the pending timer', async () => {
    const writer = new WarcWriter({
      store,
      crawlId: 'c2',
      writerId: 'w',
      maxFileBytes: 1500,
      maxPendingMs: 50,
    });
    const incompressible = (n: number) => ({ ...page(n), body: randomBytes(2000) });
    const a = await writer.append(incompressible(10));
    const b = await writer.append(incompressible(11));
    await Promise.all([a.stored, b.stored]);
    expect(a.key).not.toBe(b.key);
    const c = await writer.append(page(1));
    await c.stored;
    const keys = [];
    for await (const o of store.list('warc/c2/')) keys.push(o.key);
    expect(keys).toEqual(['warc/c2/w-00001.warc.gz', 'warc/c2/w-00002.warc.gz', 'warc/c2/w-00003.warc.gz']);
    await writer.close();
  });

  it('rejects `stored` when the store refuses the file, so no pointer to a missing file is published', async () => {
    const writer = new WarcWriter({ store, crawlId: 'c3', writerId: 'dup', maxPendingMs: 60_000 });
    await store.put('warc/c3/dup-00001.warc.gz', 'taken');
    const r = await writer.append(page(1));
    await expect(writer.roll()).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
    await expect(r.stored).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
  });
});

describe('iterateWarc', () => {
  it('yields every response of one of our files with pointers that readWarcRecord accepts', async () => {
    const writer = new WarcWriter({ store, crawlId: 'c4', writerId: 'w', maxPendingMs: 60_000 });
    const written = [];
    for (let n = 1; n <= 3; n++) written.push(await writer.append(page(n)));
    await writer.close();
    const file = await readBytes(store, written[0]!.key);
    const entries = [];
    for await (const e of iterateWarc([file!])) entries.push(e);
    expect(entries.map((e) => e.targetUri)).toEqual([1, 2, 3].map((n) => page(n).url));
    expect(entries.map((e) => ({ offset: e.offset, length: e.length }))).toEqual(
      written.map((w) => ({ offset: w.offset, length: w.length })),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(entries.map((e) => sha(e.body))).toEqual([1, 2, 3].map((n) => sha(page(n).body)));
  });

  it('reads a WARC written by warcio itself, gzipped per record or plain, including chunked bodies', async () => {
    const enc = new TextEncoder();
    const make = () => [
      WARCRecord.createWARCInfo({ filename: 'x.warc', warcVersion: 'WARC/1.0' }, { software: 'other-tool' }),
      WARCRecord.create(
        {
          url: 'https://example.org/a',
          type: 'response',
          httpHeaders: { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' },
        },
        [enc.encode('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')],
      ),
      WARCRecord.create({ url: 'https://example.org/a', type: 'request', statusline: 'GET /a HTTP/1.1' }),
      WARCRecord.create(
        {
          url: 'https://example.org/b.pdf',
          type: 'response',
          statusline: 'HTTP/1.1 404 Not Found',
          httpHeaders: { 'Content-Type': 'application/pdf' },
        },
        [enc.encode('%PDF-1.4')],
      ),
    ];
    for (const gzip of [true, false]) {
      const parts = [];
      for (const record of make()) parts.push(Buffer.from(await WARCSerializer.serialize(record, { gzip })));
      const file = Buffer.concat(parts);
      const entries = [];
      for await (const e of iterateWarc([file.subarray(0, 100), file.subarray(100)])) entries.push(e);
      expect(entries.map((e) => [e.targetUri, e.status, e.contentType, e.body.toString()])).toEqual([
        ['https://example.org/a', 200, 'text/html', 'hello world'],
        ['https://example.org/b.pdf', 404, 'application/pdf', '%PDF-1.4'],
      ]);
      if (gzip) {
        await store.put('warc/other/x.warc.gz', file);
        const second = await readWarcRecord(store, {
          key: 'warc/other/x.warc.gz',
          offset: entries[1]!.offset,
          length: entries[1]!.length,
        });
        expect(second.body.toString()).toBe('%PDF-1.4');
      }
    }
  });
});

describe('record digests', () => {
  it('match what warcio itself computes for the same record', async () => {
    const make = () =>
      WARCRecord.create(
        {
          url: 'http://a.test/',
          date: '2025-01-01T00:00:00Z',
          type: 'response',
          warcVersion: 'WARC/1.1',
          httpHeaders: [['content-type', 'text/html']],
          warcHeaders: { 'WARC-Record-ID': '<urn:uuid:1>' },
        },
        [Buffer.from('<p>hello</p>')],
      );
    const digests = (text: string) => [
      /WARC-Block-Digest: (\S+)/.exec(text)?.[1],
      /WARC-Payload-Digest: (\S+)/.exec(text)?.[1],
    ];
    const theirs = Buffer.from(await WARCSerializer.serialize(make())).toString('latin1');
    const ours = gunzipSync(await serializeRecord(make(), Buffer.from('<p>hello</p>'))).toString('latin1');
    expect(digests(theirs)[0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(digests(ours)).toEqual(digests(theirs));
  });
});
