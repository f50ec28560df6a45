import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AbepError } from '@abep/schemas';
import { type ObjectStore, readBytes } from '@abep/store';
import { describe, expect, it } from 'vitest';
import { uniqueId } from './eventually.ts';

async function collect(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof AbepError ? err.code : `not an AbepError: ${String(err)}`;
  }
}

/** The ObjectStore contract: runs unchanged against the directory twin and the real S3 server. */
export function storeContract(name: string, create: () => Promise<ObjectStore>, timeoutMs = 60_000): void {
  describe(`ObjectStore contract: ${name}`, { timeout: timeoutMs }, () => {
    const fresh = async () => ({ store: await create(), p: `${uniqueId('c')}/` });

    it('round-trips bytes, content type, cache control and metadata', async () => {
      const { store, p } = await fresh();
      const { etag } = await store.put(`${p}a.json`, '{"x":"ü"}', {
        contentType: 'application/json',
        cacheControl: 'public, max-age=60',
        metadata: { crawl: 'c1' },
      });
      const head = await store.head(`${p}a.json`);
      expect(head).toMatchObject({
        key: `${p}a.json`,
        size: Buffer.byteLength('{"x":"ü"}'),
        etag,
        contentType: 'application/json',
        cacheControl: 'public, max-age=60',
        metadata: { crawl: 'c1' },
      });
      expect((await readBytes(store, `${p}a.json`))?.toString('utf8')).toBe('{"x":"ü"}');
    });

    it('answers undefined for a missing key and deletes idempotently', async () => {
      const { store, p } = await fresh();
      expect(await store.get(`${p}missing`)).toBeUndefined();
      expect(await store.head(`${p}missing`)).toBeUndefined();
      await store.put(`${p}gone`, 'x');
      await store.delete(`${p}gone`);
      await store.delete(`${p}gone`);
      expect(await store.head(`${p}gone`)).toBeUndefined();
    });

    it('refuses a create-only put over an existing key and keeps the first body', async () => {
      const { store, p } = await fresh();
      await store.put(`${p}v`, 'first', { ifNoneMatch: '*' });
      expect(await codeOf(store.put(`${p}v`, 'second', { ifNoneMatch: '*' }))).toBe('STORE_CONFLICT');
      expect((await readBytes(store, `${p}v`))?.toString()).toBe('first');
    });

    it('lets exactly one of many concurrent create-only puts win', async () => {
      const { store, p } = await fresh();
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.put(`${p}race`, `writer-${i}`, { ifNoneMatch: '*' })),
      );
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected') expect((r.reason as AbepError).code).toBe('STORE_CONFLICT');
      }
      expect((await readBytes(store, `${p}race`))?.toString()).toBe(`writer-${winners[0]}`);
    });

    it('compare-and-swaps on the ETag and refuses a stale or missing one', async () => {
      const { store, p } = await fresh();
      const v1 = await store.put(`${p}ptr`, 'one');
      const v2 = await store.put(`${p}ptr`, 'two', { ifMatch: v1.etag });
      expect(v2.etag).not.toBe(v1.etag);
      expect(await codeOf(store.put(`${p}ptr`, 'three', { ifMatch: v1.etag }))).toBe('STORE_CONFLICT');
      expect((await readBytes(store, `${p}ptr`))?.toString()).toBe('two');
      expect(await codeOf(store.put(`${p}nothing`, 'x', { ifMatch: v1.etag }))).toBe('STORE_CONFLICT');
      expect(await store.head(`${p}nothing`)).toBeUndefined();
    });

    it('lets exactly one of two racing compare-and-swaps on the same ETag win', async () => {
      const { store, p } = await fresh();
      const base = await store.put(`${p}ptr`, 'base');
      const results = await Promise.allSettled([
        store.put(`${p}ptr`, 'left', { ifMatch: base.etag }),
        store.put(`${p}ptr`, 'right', { ifMatch: base.etag }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('streams a large object in and reads it back whole and by range', async () => {
      const { store, p } = await fresh();
      const size = 24 * 1024 * 1024 + 123;
      const chunk = randomBytes(1024 * 1024);
      const hash = createHash('sha256');
      let remaining = size;
      const source = Readable.from(
        (function* () {
          while (remaining > 0) {
            const part = chunk.subarray(0, Math.min(chunk.length, remaining));
            remaining -= part.length;
            hash.update(part);
            yield part;
          }
        })(),
      );
      await store.put(`${p}big.warc.gz`, source, { contentType: 'application/warc', ifNoneMatch: '*' });
      const expected = hash.digest('hex');
      const object = await store.get(`${p}big.warc.gz`);
      expect(object?.size).toBe(size);
      const got = createHash('sha256');
      for await (const part of object?.body ?? []) got.update(part as Buffer);
      expect(got.digest('hex')).toBe(expected);
      const slice = await readBytes(store, `${p}big.warc.gz`, {
        range: { offset: 1024 * 1024 + 5, length: 1000 },
      });
      expect(slice?.equals(chunk.subarray(5, 1005))).toBe(true);
    });

    it('lists by prefix in key order, across more than one page', async () => {
      const { store, p } = await fresh();
      const keys = [`${p}a/1`, `${p}a/2`, `${p}a/b/3`, `${p}ab/4`, `${p}b/5`];
      await Promise.all(keys.map((k) => store.put(k, k)));
      expect(await collect(store, `${p}a/`)).toEqual([`${p}a/1`, `${p}a/2`, `${p}a/b/3`]);
      expect(await collect(store, `${p}a`)).toEqual([`${p}a/1`, `${p}a/2`, `${p}a/b/3`, `${p}ab/4`]);
      expect(await collect(store, p)).toEqual(keys);
      const many = Array.from({ length: 1010 }, (_, i) => `${p}many/${String(i).padStart(4, '0')}`);
      for (let i = 0; i < many.length; i += 50)
        await Promise.all(many.slice(i, i + 50).map((k) => store.put(k, 'x')));
      expect(await collect(store, `${p}many/`)).toEqual(many);
    });

    it('rejects keys that could escape or be ambiguous', async () => {
      const { store } = await fresh();
      for (const key of ['', '/abs', 'a/../b', 'a//b']) {
        expect(await codeOf(store.put(key, 'x'))).toBe('STORE_KEY_INVALID');
      }
    });

    it('counts the key limit in UTF-8 bytes, not UTF-16 units', async () => {
      const { store, p } = await fresh();
      for (const key of [`${p}${'é'.repeat(513)}`, `${p}${'x'.repeat(1025)}`, `${p}${'😀'.repeat(257)}`])
        expect(await codeOf(store.put(key, 'x'))).toBe('STORE_KEY_INVALID');
    });

    it('refuses list prefixes that could escape the store', async () => {
      const { store, p } = await fresh();
      await store.put(`${p}a`, 'a');
      for (const prefix of ['../', '/etc/', `${p}../`, `${p}./`, 'a//b', `${p}x\u0000`]) {
        const listing = (async () => {
          for await (const _ of store.list(prefix)) {
            // drained
          }
        })();
        expect(await codeOf(listing), prefix).toBe('STORE_KEY_INVALID');
      }
      expect(await collect(store, `${p}a`)).toEqual([`${p}a`]);
      expect(await collect(store, `${p}..a`)).toEqual([]);
    });
  });
}
