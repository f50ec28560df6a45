import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { AbepError } from '@abep/schemas';
import { readBytes } from '@abep/store';
import { requireService, s3TestConfig, storeContract, uniqueId } from '@abep/testkit';
import { GetObjectCommand, ListMultipartUploadsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Store } from './create-s3-store.ts';
import type { S3Store } from './s3-store.ts';

const MiB = 1024 * 1024;
const stores: S3Store[] = [];
const config = s3TestConfig();
/** Everything this run writes lives under here, and is deleted afterwards. */
const runPrefix = `store-s3-int/${uniqueId('run')}`;

function storeFor(overrides: Parameters<typeof createS3Store>[0] | object = {}, tuning = {}): S3Store {
  const store = createS3Store({ ...config, prefix: runPrefix, ...overrides }, tuning);
  stores.push(store);
  return store;
}

function rawClient(): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<AbepError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AbepError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `size` bytes from repeating `chunk`, yielded 1 MiB at a time. */
function streamOf(chunk: Buffer, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += chunk.length)
        yield chunk.subarray(0, Math.min(chunk.length, size - sent));
    })(),
  );
}

beforeAll(() => requireService('s3'));
afterAll(async () => {
  const cleaner = createS3Store({ ...config, prefix: runPrefix });
  const keys: string[] = [];
  for await (const info of cleaner.list('')) keys.push(info.key);
  for (let i = 0; i < keys.length; i += 50)
    await Promise.all(keys.slice(i, i + 50).map((k) => cleaner.delete(k)));
  cleaner.destroy();
  for (const store of stores) store.destroy();
}, 60_000);

storeContract('real S3 server (S3Store)', async () => storeFor(), 120_000);

describe('S3Store against the real S3 server', { timeout: 60_000 }, () => {
  it('keeps objects under the bucket prefix and lists them without it', async () => {
    const sub = uniqueId('px');
    const store = storeFor({ prefix: `/${runPrefix}/${sub}/` });
    await store.put('a/one.json', '{}', { contentType: 'application/json' });
    const raw = rawClient();
    try {
      const out = await raw.send(
        new GetObjectCommand({ Bucket: config.bucket, Key: `${runPrefix}/${sub}/a/one.json` }),
      );
      expect(await out.Body?.transformToString()).toBe('{}');
    } finally {
      raw.destroy();
    }
    const listed = [];
    for await (const info of store.list('a/')) listed.push(info);
    expect(listed).toMatchObject([{ key: 'a/one.json', size: 2 }]);
    expect(listed[0]?.etag).toMatch(/^".+"$/);
  });

  it('reports the whole object size on a range get', async () => {
    const store = storeFor();
    const key = `${uniqueId('r')}/ten`;
    await store.put(key, '0123456789');
    const part = await store.get(key, { range: { offset: 2, length: 4 } });
    expect(part?.size).toBe(10);
    expect((await readBytes(store, key, { range: { offset: 2, length: 4 } }))?.toString()).toBe('2345');
    expect((await readBytes(store, key, { range: { offset: 3, length: 0 } }))?.length).toBe(0);
  });

  it('refuses a streamed (multipart) create-only put over an existing key and keeps the first body', async () => {
    const store = storeFor();
    const key = `${uniqueId('mp')}/obj`;
    await store.put(key, 'first');
    const err = await failureOf(store.put(key, streamOf(randomBytes(MiB), 9 * MiB), { ifNoneMatch: '*' }));
    expect(err.code).toBe('STORE_CONFLICT');
    expect(err.retriable).toBe(false);
    const small = await failureOf(
      store.put(key, Readable.from([Buffer.from('second')]), { ifNoneMatch: '*' }),
    );
    expect(small.code).toBe('STORE_CONFLICT');
    expect((await readBytes(store, key))?.toString()).toBe('first');
  });

  it('compare-and-swaps a streamed (multipart) put on the ETag', async () => {
    const store = storeFor();
    const key = `${uniqueId('mp')}/ptr`;
    const v1 = await store.put(key, 'one');
    const v2 = await store.put(key, streamOf(Buffer.alloc(MiB, 7), 9 * MiB), { ifMatch: v1.etag });
    expect(v2.etag).toMatch(/-2"$/); // two parts: the condition was checked by CompleteMultipartUpload
    expect((await store.head(key))?.size).toBe(9 * MiB);
    const stale = await failureOf(
      store.put(key, streamOf(Buffer.alloc(MiB, 8), 9 * MiB), { ifMatch: v1.etag }),
    );
    expect(stale.code).toBe('STORE_CONFLICT');
    expect((await store.head(key))?.etag).toBe(v2.etag);
  });

  it('lets exactly one of two racing streamed create-only puts win', async () => {
    const store = storeFor();
    const key = `${uniqueId('mp')}/race`;
    const results = await Promise.allSettled([
      store.put(key, streamOf(Buffer.alloc(MiB, 1), 9 * MiB), { ifNoneMatch: '*' }),
      store.put(key, streamOf(Buffer.alloc(MiB, 2), 9 * MiB), { ifNoneMatch: '*' }),
    ]);
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i + 1] : []));
    expect(winners).toHaveLength(1);
    const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AbepError] : []));
    expect(losers.map((e) => e.code)).toEqual(['STORE_CONFLICT']);
    const byte = await readBytes(store, key, { range: { offset: 5 * MiB, length: 1 } });
    expect(byte?.[0]).toBe(winners[0]);
  });

  it('aborts the multipart upload when the source stream fails, and rethrows the source error', async () => {
    const store = storeFor();
    const key = `${uniqueId('mp')}/broken`;
    const source = Readable.from(
      (async function* () {
        for (let i = 0; i < 10; i++) yield Buffer.alloc(MiB, i);
        throw new Error('source broke');
      })(),
    );
    await expect(store.put(key, source)).rejects.toThrow('source broke');
    expect(await store.head(key)).toBeUndefined();
    const raw = rawClient();
    try {
      const uploads = await raw.send(
        new ListMultipartUploadsCommand({ Bucket: config.bucket, Prefix: `${runPrefix}/${key}` }),
      );
      expect(uploads.Uploads ?? []).toEqual([]);
    } finally {
      raw.destroy();
    }
  });

  it('fails fast with a retriable STORE_UNAVAILABLE naming the endpoint when nothing listens there', async () => {
    const endpoint = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const store = storeFor({ endpoint }, { maxAttempts: 2, connectionTimeoutMs: 1000 });
    const started = Date.now();
    for (const attempt of [
      () => store.put('k', 'x'),
      () => store.get('k'),
      () => store.head('k'),
      () => store.delete('k'),
    ]) {
      const err = await failureOf(attempt());
      expect(err.code).toBe('STORE_UNAVAILABLE');
      expect(err.retriable).toBe(true);
      expect(err.message).toContain(endpoint);
      expect(err.message).toContain(config.bucket);
      expect(err.message).not.toContain(config.secretAccessKey);
    }
    const listing = (async () => {
      for await (const _ of store.list('')) return;
    })();
    expect((await failureOf(listing)).code).toBe('STORE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('says clearly that the bucket does not exist, for writes and reads alike', async () => {
    const bucket = `abep-missing-${randomBytes(4).toString('hex')}`;
    const store = storeFor({ bucket });
    for (const attempt of [() => store.put('k', 'x'), () => store.head('k'), () => store.get('k')]) {
      const err = await failureOf(attempt());
      expect(err.code).toBe('STORE_UNAVAILABLE');
      expect(err.message).toContain(`bucket ${bucket} does not exist at ${config.endpoint}`);
    }
  });
});
