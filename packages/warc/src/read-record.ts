import { gunzipSync } from 'node:zlib';
import { AbepError } from '@abep/schemas';
import { type ObjectStore, readBytes } from '@abep/store';
import { WARCParser, type WARCRecord } from 'warcio';
import type { WarcPointer } from './warc-writer.ts';

export interface WarcResponse {
  targetUri: string;
  status: number;
  /** HTTP response headers, lower-case names. */
  headers: Record<string, string>;
  /** Media type without parameters, lower-case ('' when absent). */
  contentType: string;
  body: Buffer;
  /** WARC-Date, ISO. */
  date: string;
  /** The record's WARC headers, lower-case names (see crawlContextOf for the crawler's own). */
  warcHeaders: Record<string, string>;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads the HTTP payload of a response record; content and transfer encodings are removed. */
export async function responseOf(record: WARCRecord): Promise<WarcResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of record.httpHeaders?.headers ?? []) headers[name.toLowerCase()] = value;
  const warcHeaders: Record<string, string> = {};
  for (const [name, value] of record.warcHeaders.headers) warcHeaders[name.toLowerCase()] = value;
  const body = Buffer.from(await record.readFully(true));
  return {
    targetUri: record.warcTargetURI ?? '',
    status: Number(record.httpHeaders?.statusCode ?? 0),
    headers,
    contentType: (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '',
    body,
    date: record.warcDate ?? '',
    warcHeaders,
  };
}

/** Random access to one response record by the pointer a page.fetched message carries. */
export async function readWarcRecord(store: ObjectStore, pointer: WarcPointer): Promise<WarcResponse> {
  const raw = await readBytes(store, pointer.key, {
    range: { offset: pointer.offset, length: pointer.length },
  });
  if (!raw) throw new AbepError('STORE_NOT_FOUND', `WARC file ${pointer.key} does not exist`);
  let bytes: Buffer;
  try {
    bytes = isGzip(raw) ? gunzipSync(raw) : raw;
  } catch (cause) {
    throw new AbepError('CHECKSUM_MISMATCH', `no gzip member at ${pointer.key}@${pointer.offset}`, { cause });
  }
  const record = await WARCParser.parse([bytes]);
  if (!record || (record.warcType !== 'response' && record.warcType !== 'resource')) {
    throw new AbepError('CHECKSUM_MISMATCH', `no response record at ${pointer.key}@${pointer.offset}`, {
      details: { key: pointer.key, offset: pointer.offset, type: record?.warcType ?? null },
    });
  }
  return responseOf(record);
}
