import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';

const gzip = promisify(gzipCallback);

/** One HTTP exchange to archive. `body` is the payload as stored (content-encoding already removed). */
export interface WarcCapture {
  /** The URL the response came from (after redirects). */
  url: string;
  status: number;
  statusText?: string;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  /** ISO date of the fetch. */
  date: string;
  requestHeaders?: Record<string, string>;
  /** Extra WARC-* headers for the response record, e.g. the original charset. */
  warcHeaders?: Record<string, string>;
}

/** Headers that describe a transfer encoding of the body; the stored payload is already decoded. */
const TRANSFER_HEADERS = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

export function archivedHeaders(capture: WarcCapture): [string, string][] {
  const kept = Object.entries(capture.headers).filter(([name]) => !TRANSFER_HEADERS.has(name.toLowerCase()));
  kept.push(['content-length', String(capture.body.length)]);
  return kept;
}

/** One gzip member per record. zlib runs on the thread pool, off the event loop (warcio's gzip is a web stream). */
export async function serializeRecord(
  record: WARCRecord,
  payload: Buffer = Buffer.alloc(0),
): Promise<Buffer> {
  // warcio hashes with a WebAssembly instance per record; digests computed here with node:crypto (same format)
  // make it skip that, as it does for records that already carry them.
  if (record.warcType !== 'warcinfo') {
    const sha = (...parts: Buffer[]) => {
      const hash = createHash('sha256');
      for (const part of parts) hash.update(part);
      return `sha256:${hash.digest('hex')}`;
    };
    const head = record.httpHeaders ? Buffer.from(`${record.httpHeaders.toString()}\r\n`) : Buffer.alloc(0);
    record.warcHeaders.headers.set('WARC-Block-Digest', sha(head, payload));
    record.warcHeaders.headers.set('WARC-Payload-Digest', sha(payload));
  }
  return gzip(await WARCSerializer.serialize(record));
}

/** A request and a response record, each its own gzip member so either can be read alone at offset/length. */
export async function serializeExchange(
  capture: WarcCapture,
): Promise<{ request: Buffer; response: Buffer }> {
  const target = new URL(capture.url);
  const response = WARCRecord.create(
    {
      url: capture.url,
      date: capture.date,
      type: 'response',
      warcVersion: 'WARC/1.1',
      statusline: `HTTP/1.1 ${capture.status} ${capture.statusText ?? ''}`.trimEnd(),
      httpHeaders: archivedHeaders(capture),
      warcHeaders: capture.warcHeaders ?? {},
    },
    [capture.body],
  );
  const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
  const request = WARCRecord.create({
    url: capture.url,
    date: capture.date,
    type: 'request',
    warcVersion: 'WARC/1.1',
    statusline: `GET ${target.pathname}${target.search} HTTP/1.1`,
    httpHeaders: { host: target.host, ...(capture.requestHeaders ?? {}) },
    warcHeaders: { 'WARC-Concurrent-To': responseId },
  });
  const [requestBytes, responseBytes] = await Promise.all([
    serializeRecord(request),
    serializeRecord(response, capture.body),
  ]);
  return { request: requestBytes, response: responseBytes };
}

/** A note about a URL that is not an HTTP exchange (e.g. a fetch that failed), as a WARC metadata record. */
export interface WarcMetadata {
  url: string;
  /** ISO date. */
  date: string;
  body: Buffer;
  /** Media type of the body. */
  contentType: string;
  warcHeaders?: Record<string, string>;
}

export async function serializeMetadata(metadata: WarcMetadata): Promise<Buffer> {
  const record = WARCRecord.create(
    {
      url: metadata.url,
      date: metadata.date,
      type: 'metadata',
      warcVersion: 'WARC/1.1',
      warcHeaders: { 'Content-Type': metadata.contentType, ...(metadata.warcHeaders ?? {}) },
    },
    [metadata.body],
  );
  return serializeRecord(record, metadata.body);
}

export async function serializeWarcinfo(filename: string, info: Record<string, string>): Promise<Buffer> {
  const record = WARCRecord.createWARCInfo({ filename, warcVersion: 'WARC/1.1' }, info);
  return serializeRecord(record);
}
