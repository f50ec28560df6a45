import { AbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import {
  serializeExchange,
  serializeMetadata,
  serializeWarcinfo,
  type WarcCapture,
  type WarcMetadata,
} from './serialize.ts';

export interface WarcPointer {
  key: string;
  offset: number;
  length: number;
}

export interface WarcAppendResult extends WarcPointer {
  /** Resolves once the file holding the record is in the store; rejects if storing it failed. */
  stored: Promise<void>;
}

export interface WarcWriterOptions {
  store: ObjectStore;
  crawlId: string;
  /** Unique per writer process, so two writers (or a restarted one) never write the same key. */
  writerId: string;
  /** Roll to a new file once the current one reaches this many bytes. Default 64 MiB. */
  maxFileBytes?: number;
  /** Store the current file at most this long after its first pending record. Default 2000 ms. */
  maxPendingMs?: number;
  /** Store the current file once this many records wait for it, so latency stays low under load. Default 32. */
  maxPendingRecords?: number;
  software?: string;
}

interface OpenFile {
  key: string;
  chunks: Buffer[];
  bytes: number;
  records: number;
  done: PromiseWithResolvers<void>;
  timer?: NodeJS.Timeout;
}

/**
 * Appends request/response pairs to WARC 1.1 files under `warc/<crawlId>/<writerId>-<seq>.warc.gz`.
 * A file is buffered in memory and put to the store (create-only) when it is rolled: at the size limit,
 * after maxPendingMs, on roll() or on close(). Callers await `stored` before publishing a pointer.
 */
export class WarcWriter {
  private readonly options: Required<Omit<WarcWriterOptions, 'software'>> & { software: string };
  private seq = 0;
  private current: OpenFile | undefined;
  private readonly rolling = new Set<Promise<void>>();
  private closed = false;

  constructor(options: WarcWriterOptions) {
    this.options = {
      maxFileBytes: 64 * 1024 * 1024,
      maxPendingMs: 2000,
      maxPendingRecords: 32,
      software: 'abep-register crawler',
      ...options,
    };
  }

  /** Records appended but not yet in the store. */
  get pendingRecords(): number {
    return this.current?.records ?? 0;
  }

  async append(capture: WarcCapture): Promise<WarcAppendResult> {
    if (this.closed) throw new AbepError('INTERNAL', 'WARC writer is closed');
    const { request, response } = await serializeExchange(capture);
    return this.push(request, response);
  }

  /** Appends a metadata record (e.g. a failed fetch, so a replay knows of it); stored like any other record. */
  async appendMetadata(metadata: WarcMetadata): Promise<WarcAppendResult> {
    if (this.closed) throw new AbepError('INTERNAL', 'WARC writer is closed');
    return this.push(Buffer.alloc(0), await serializeMetadata(metadata));
  }

  /** `request` (a request record, or empty) then `response`, the record whose offset and length are returned. */
  private async push(request: Buffer, response: Buffer): Promise<WarcAppendResult> {
    let target = this.current;
    while (!target) {
      await this.open();
      target = this.current;
    }
    // Synchronous from here to the push: offsets stay consistent without a lock.
    target.chunks.push(request);
    const offset = target.bytes + request.length;
    target.chunks.push(response);
    target.bytes = offset + response.length;
    target.records++;
    const result: WarcAppendResult = {
      key: target.key,
      offset,
      length: response.length,
      stored: target.done.promise,
    };
    if (target.bytes >= this.options.maxFileBytes || target.records >= this.options.maxPendingRecords) {
      void this.roll().catch(() => {});
    } else
      target.timer ??= setTimeout(() => void this.roll().catch(() => {}), this.options.maxPendingMs).unref();
    return result;
  }

  private async open(): Promise<void> {
    const seq = ++this.seq;
    const name = `${this.options.writerId}-${String(seq).padStart(5, '0')}.warc.gz`;
    const info = await serializeWarcinfo(name, {
      software: this.options.software,
      format: 'WARC File Format 1.1',
      'crawl-id': this.options.crawlId,
    });
    if (this.current) return;
    const done = Promise.withResolvers<void>();
    done.promise.catch(() => {});
    this.current = {
      key: `warc/${this.options.crawlId}/${name}`,
      chunks: [info],
      bytes: info.length,
      records: 0,
      done,
    };
  }

  /** Stores the current file (if it holds records) and starts a new one on the next append. */
  roll(): Promise<void> {
    const file = this.current;
    if (!file || file.records === 0) return Promise.resolve();
    this.current = undefined;
    if (file.timer) clearTimeout(file.timer);
    const work = this.options.store
      .put(file.key, Buffer.concat(file.chunks, file.bytes), {
        contentType: 'application/warc',
        ifNoneMatch: '*',
      })
      .then(
        () => file.done.resolve(),
        (cause: unknown) => {
          const error =
            cause instanceof AbepError
              ? cause
              : new AbepError('STORE_UNAVAILABLE', `could not store ${file.key}`, { retriable: true, cause });
          file.done.reject(error);
          throw error;
        },
      )
      .finally(() => this.rolling.delete(work));
    this.rolling.add(work);
    return work;
  }

  /** Stores whatever is pending and waits for every roll in progress. */
  async close(): Promise<void> {
    await this.roll().catch(() => {});
    this.closed = true;
    await Promise.allSettled([...this.rolling]);
  }
}
