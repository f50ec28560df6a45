import type { Readable } from 'node:stream';

export type Body = Uint8Array | string | AsyncIterable<Uint8Array>;

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
  /** '*' = create-only: fails with STORE_CONFLICT if the key exists. */
  ifNoneMatch?: '*';
  /** Compare-and-swap: fails with STORE_CONFLICT unless the key exists with exactly this ETag. */
  ifMatch?: string;
}

export interface ObjectInfo {
  key: string;
  size: number;
  /** Quoted, as S3 returns it; opaque: compare, never parse. */
  etag: string;
  lastModified: Date;
  contentType?: string;
  cacheControl?: string;
  metadata?: Record<string, string>;
}

export interface StoredObject extends ObjectInfo {
  /** Only the requested range when one was given; `size` is still the whole object's. */
  body: Readable;
}

export interface GetOptions {
  range?: { offset: number; length: number };
}

/**
 * The object-store port. Keys are `/`-separated, without a leading `/`, `..` or empty segments.
 *
 * - put: whole-object write; string and bytes bodies and streams (streamed, never buffered whole). With
 *   ifNoneMatch or ifMatch the write is atomic with its check: of two racing create-only puts exactly one
 *   wins and the other throws STORE_CONFLICT (not retriable). A lost write never overwrites.
 * - get / head: undefined when the key does not exist.
 * - list: every object under the prefix, in ascending key order (UTF-8 byte order, as S3).
 * - delete: idempotent.
 * Unreachable backends throw STORE_UNAVAILABLE (retriable), naming the endpoint.
 */
export interface ObjectStore {
  put(key: string, body: Body, options?: PutOptions): Promise<{ etag: string }>;
  get(key: string, options?: GetOptions): Promise<StoredObject | undefined>;
  head(key: string): Promise<ObjectInfo | undefined>;
  list(prefix: string): AsyncIterable<ObjectInfo>;
  delete(key: string): Promise<void>;
}
