import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { AbepError } from '@abep/schemas';
import {
  assertValidKey,
  assertValidPrefix,
  type Body,
  type GetOptions,
  type ObjectInfo,
  type ObjectStore,
  type PutOptions,
  type StoredObject,
} from '@abep/store';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { httpStatusOf, isMissingKey, type S3ErrorContext, toStoreError } from './s3-errors.ts';
import { displayEndpoint, normalizePrefix, rangeHeader, totalFromContentRange } from './s3-response.ts';

/** The part of a pino logger the store uses; a pino Logger fits. */
export interface StoreLogger {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  child?(bindings: Record<string, unknown>): StoreLogger;
}

export interface S3StoreOptions {
  /** Omit for AWS S3; set for S3-compatible servers (e.g. http://127.0.0.1:19000). */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, applied on every call and stripped from listed keys. */
  prefix?: string;
  /** Omit to use the AWS default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Path-style addressing (http://host/bucket/key), needed by most S3-compatible servers. */
  forcePathStyle?: boolean;
  logger?: StoreLogger;
  /** Attempts per request, including the first, for network failures, 5xx and throttling. Default 3. */
  maxAttempts?: number;
  /** Milliseconds to establish a TCP connection. Default 5000. */
  connectionTimeoutMs?: number;
  /** Milliseconds a socket may stay idle mid-request. Default 60000. */
  requestTimeoutMs?: number;
  /** Multipart part size for streamed bodies, in bytes; at least 8 MiB. Default 8 MiB. */
  partSizeBytes?: number;
  /** Parts uploaded (and held in memory) at once for one streamed put. Default 2. */
  queueSize?: number;
}

const MiB = 1024 * 1024;
export const MIN_PART_SIZE = 8 * MiB;

/**
 * ObjectStore on AWS S3 or an S3-compatible server. Conditional puts use S3's own If-None-Match / If-Match
 * (on PutObject, and on CompleteMultipartUpload for streamed bodies), so the check and the write are one
 * atomic step on the server. Metadata keys come back lower-cased (S3 sends them as headers).
 */
export class S3Store implements ObjectStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly endpoint: string;
  private readonly client: S3Client;
  private readonly logger: StoreLogger | undefined;
  private readonly secrets: (string | undefined)[];
  private readonly partSize: number;
  private readonly queueSize: number;
  private bucketSeen = false;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.endpoint = displayEndpoint(options.endpoint, options.region);
    this.logger = options.logger?.child ? options.logger.child({ component: 's3-store' }) : options.logger;
    const { credentials } = options;
    this.secrets = [credentials?.secretAccessKey, credentials?.sessionToken, credentials?.accessKeyId];
    this.partSize = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? MIN_PART_SIZE);
    this.queueSize = Math.max(1, options.queueSize ?? 2);
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
      forcePathStyle: options.forcePathStyle ?? false,
      maxAttempts: options.maxAttempts ?? 3,
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? 5_000,
        requestTimeout: options.requestTimeoutMs ?? 60_000,
      },
    });
  }

  /** Closes the client's sockets; the store is unusable afterwards. */
  destroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<{ etag: string }> {
    assertValidKey(key);
    const conditional = options.ifNoneMatch !== undefined || options.ifMatch !== undefined;
    const params: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: this.prefix + key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      ...(options.cacheControl ? { CacheControl: options.cacheControl } : {}),
      ...(options.metadata ? { Metadata: options.metadata } : {}),
      ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
      ...(options.ifMatch !== undefined ? { IfMatch: options.ifMatch } : {}),
    };
    if (typeof body === 'string' || body instanceof Uint8Array) {
      return this.putBytes(key, typeof body === 'string' ? Buffer.from(body) : body, params, conditional);
    }
    return this.putStream(key, body, params, conditional);
  }

  private async putBytes(
    key: string,
    bytes: Uint8Array,
    params: PutObjectCommandInput,
    conditional: boolean,
  ): Promise<{ etag: string }> {
    try {
      const out = await this.client.send(new PutObjectCommand({ ...params, Body: bytes }));
      this.bucketSeen = true;
      return { etag: out.ETag ?? (await this.etagOf(key)) };
    } catch (err) {
      const error = this.fail(err, { op: 'put', key, conditional });
      // A retried conditional put can lose to its own first attempt when only the response was lost.
      if (
        error.code === 'STORE_CONFLICT' &&
        ((err as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) > 1
      ) {
        const md5 = `"${createHash('md5').update(bytes).digest('hex')}"`;
        const current = await this.head(key);
        if (current?.etag === md5) return { etag: md5 };
      }
      throw error;
    }
  }

  private async putStream(
    key: string,
    body: AsyncIterable<Uint8Array | string>,
    params: PutObjectCommandInput,
    conditional: boolean,
  ): Promise<{ etag: string }> {
    let sourceError: unknown;
    const guarded = async function* () {
      try {
        for await (const chunk of body) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      } catch (err) {
        sourceError = err;
        throw err;
      }
    };
    const upload = new Upload({
      client: this.client,
      params: { ...params, Body: Readable.from(guarded(), { objectMode: false }) },
      partSize: this.partSize,
      queueSize: this.queueSize,
      leavePartsOnError: false,
    });
    const started = Date.now();
    try {
      const out = await upload.done();
      this.logger?.debug({ key, ms: Date.now() - started }, 'streamed put complete');
      return { etag: out.ETag ?? (await this.etagOf(key)) };
    } catch (err) {
      // lib-storage has already aborted the multipart upload (parts are never left behind).
      if (sourceError !== undefined) throw sourceError;
      const error = this.fail(err, { op: 'put', key, conditional });
      if (error.code !== 'STORE_CONFLICT')
        this.logger?.warn({ key, err: error.message }, 'streamed put failed');
      throw error;
    }
  }

  private async etagOf(key: string): Promise<string> {
    const info = await this.head(key);
    if (!info)
      throw new AbepError('STORE_UNAVAILABLE', `S3 put of ${key} at ${this.endpoint} returned no ETag`);
    return info.etag;
  }

  async get(key: string, options: GetOptions = {}): Promise<StoredObject | undefined> {
    assertValidKey(key);
    const { range } = options;
    if (range && range.length === 0) {
      const info = await this.head(key);
      return info && { ...info, body: Readable.from([]) };
    }
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          ...(range ? { Range: rangeHeader(range) } : {}),
        }),
      );
      this.bucketSeen = true;
      return {
        ...this.info(key, out),
        size: totalFromContentRange(out.ContentRange) ?? out.ContentLength ?? 0,
        body: out.Body as Readable,
      };
    } catch (err) {
      if (isMissingKey(err)) return undefined;
      if (range && httpStatusOf(err) === 416) {
        // The range starts past the end: like reading a file past its end, an empty body.
        const info = await this.head(key);
        return info && { ...info, body: Readable.from([]) };
      }
      throw this.fail(err, { op: 'get', key });
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const out = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      this.bucketSeen = true;
      return this.info(key, out);
    } catch (err) {
      // HEAD answers have no body, so a 404 cannot say whether the key or the bucket is missing.
      if (httpStatusOf(err) === 404) {
        await this.assertBucket('head', key);
        return undefined;
      }
      throw this.fail(err, { op: 'head', key });
    }
  }

  /**
   * ListObjectsV2, page by page, in the server's (ascending UTF-8 byte) key order. List results carry key,
   * size, ETag and last-modified only: no content type, cache control or metadata (head a key for those).
   */
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    assertValidPrefix(prefix);
    let token: string | undefined;
    do {
      let out: ListObjectsV2CommandOutput;
      try {
        out = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
      } catch (err) {
        throw this.fail(err, { op: 'list', key: prefix });
      }
      for (const object of out.Contents ?? []) {
        if (!object.Key?.startsWith(this.prefix)) continue;
        yield {
          key: object.Key.slice(this.prefix.length),
          size: object.Size ?? 0,
          etag: object.ETag ?? '',
          lastModified: object.LastModified ?? new Date(0),
        };
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
    } catch (err) {
      if (isMissingKey(err)) return;
      throw this.fail(err, { op: 'delete', key });
    }
  }

  private info(key: string, out: Omit<HeadObjectCommandOutput, '$metadata'>): ObjectInfo {
    const metadata = out.Metadata && Object.keys(out.Metadata).length > 0 ? out.Metadata : undefined;
    return {
      key,
      size: out.ContentLength ?? 0,
      etag: out.ETag ?? '',
      lastModified: out.LastModified ?? new Date(0),
      ...(out.ContentType ? { contentType: out.ContentType } : {}),
      ...(out.CacheControl ? { cacheControl: out.CacheControl } : {}),
      ...(metadata ? { metadata } : {}),
    };
  }

  /** Throws a clear STORE_UNAVAILABLE when the bucket itself is missing; checked until it is seen once. */
  private async assertBucket(op: S3ErrorContext['op'], key: string): Promise<void> {
    if (this.bucketSeen) return;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      this.bucketSeen = true;
    } catch (err) {
      const missing =
        httpStatusOf(err) === 404 ? Object.assign(err as object, { name: 'NoSuchBucket' }) : err;
      throw this.fail(missing, { op, key });
    }
  }

  private fail(err: unknown, ctx: Pick<S3ErrorContext, 'op' | 'key' | 'conditional'>): AbepError {
    const error = toStoreError(err, {
      ...ctx,
      endpoint: this.endpoint,
      bucket: this.bucket,
      secrets: this.secrets,
    });
    this.logger?.debug({ ...error.details, code: error.code }, 'S3 call failed');
    return error;
  }
}
