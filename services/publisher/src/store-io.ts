import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbepError, isAbepError } from '@abep/schemas';
import type { ObjectStore, PutOptions } from '@abep/store';
import type { z } from 'zod';
import { canonicalJson, sha256Hex } from './canonical.ts';

export function isConflict(err: unknown): boolean {
  return isAbepError(err) && err.code === 'STORE_CONFLICT';
}

/** A body known by its size and sha256 whose bytes can be made (again) as chunks. */
export interface KnownBody {
  bytes: number;
  sha256: string;
  /** Kept bytes, sent as one body. */
  body?: Buffer;
  chunks(): Iterable<Uint8Array>;
}

/**
 * The chunks, hashed as they pass: if they do not add up to the expected size and sha256 the stream fails at
 * its end, so the store never commits bytes that differ from what the manifest will say.
 */
async function* verified(key: string, body: KnownBody): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  let bytes = 0;
  for (const chunk of body.chunks()) {
    hash.update(chunk);
    bytes += chunk.length;
    yield chunk;
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== body.sha256 || bytes !== body.bytes) {
    throw new AbepError(
      'CHECKSUM_MISMATCH',
      `${key}: made again as sha256 ${sha256} (${bytes} bytes), expected ${body.sha256} (${body.bytes} bytes)`,
      { details: { key, expected: body.sha256, actual: sha256 } },
    );
  }
}

/** sha256 and size of a stored object, streamed; undefined if it does not exist. */
async function hashObject(
  store: ObjectStore,
  key: string,
): Promise<{ sha256: string; bytes: number } | undefined> {
  const object = await store.get(key);
  if (!object) return undefined;
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of object.body) {
    hash.update(chunk as Uint8Array);
    bytes += (chunk as Uint8Array).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Create-only put. A key already holding exactly these bytes (a redo after a crash) is success; different
 * bytes are STORE_CONFLICT: an immutable file is never overwritten. A KnownBody without kept bytes is
 * streamed (made again and checked against its sha256 on the way).
 */
export async function putImmutable(
  store: ObjectStore,
  key: string,
  body: Buffer | KnownBody,
  options: Omit<PutOptions, 'ifNoneMatch' | 'ifMatch'>,
): Promise<'created' | 'existing'> {
  const known: Omit<KnownBody, 'chunks'> = Buffer.isBuffer(body)
    ? { bytes: body.length, sha256: sha256Hex(body), body }
    : body;
  try {
    await store.put(key, known.body ?? verified(key, body as KnownBody), { ...options, ifNoneMatch: '*' });
    return 'created';
  } catch (err) {
    if (!isConflict(err)) throw err;
    const existing = await hashObject(store, key);
    if (existing && existing.sha256 === known.sha256 && existing.bytes === known.bytes) return 'existing';
    throw new AbepError(
      'STORE_CONFLICT',
      `${key} already exists with different content; published files never change`,
      {
        details: { key },
        cause: err,
      },
    );
  }
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Reads and validates a small JSON object; undefined if absent, MANIFEST_INVALID (naming the key) if unreadable. */
export async function readValidated<S extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: S,
): Promise<Versioned<z.infer<S>> | undefined> {
  const object = await store.get(key);
  if (!object) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { value: parseValidated(Buffer.concat(chunks), key, schema), etag: object.etag };
}

function parseValidated<S extends z.ZodType>(bytes: Buffer, key: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new AbepError('MANIFEST_INVALID', `${key} is not valid JSON`, { cause, details: { key } });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new AbepError(
      'MANIFEST_INVALID',
      `${key} does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`,
      {
        details: { key, issues: parsed.error.issues.slice(0, 5) },
      },
    );
  }
  return parsed.data;
}

export async function requireValidated<S extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: S,
): Promise<Versioned<z.infer<S>>> {
  const found = await readValidated(store, key, schema);
  if (!found) throw new AbepError('STORE_NOT_FOUND', `${key} does not exist`, { details: { key } });
  return found;
}

/**
 * Compare-and-swap of a small JSON object: read, compute, write with If-Match (If-None-Match on first write),
 * re-read and retry on a lost race. `update` returns undefined for "no change needed".
 */
export async function casJson<S extends z.ZodType, R>(
  store: ObjectStore,
  key: string,
  schema: S,
  update: (
    current: z.infer<S> | undefined,
  ) => { next: z.infer<S>; result: R } | { next?: undefined; result: R },
  options: { attempts: number; putOptions: Omit<PutOptions, 'ifNoneMatch' | 'ifMatch'> },
): Promise<{ result: R; wrote: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const current = await readValidated(store, key, schema);
    const outcome = update(current?.value);
    if (outcome.next === undefined) return { result: outcome.result, wrote: false };
    try {
      await store.put(key, `${canonicalJson(outcome.next, 2)}\n`, {
        ...options.putOptions,
        ...(current ? { ifMatch: current.etag } : { ifNoneMatch: '*' as const }),
      });
      return { result: outcome.result, wrote: true };
    } catch (err) {
      if (!isConflict(err) || attempt >= options.attempts) throw err;
      await sleep(Math.floor(Math.random() * 20 * attempt));
    }
  }
}

/** Runs `work` over items with at most `limit` in flight. */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
