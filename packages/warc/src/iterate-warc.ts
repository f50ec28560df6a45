import { WARCParser } from 'warcio';
import { responseOf, type WarcResponse } from './read-record.ts';

export interface WarcEntry extends WarcResponse {
  /** Byte range of the record in the file (for gzip-per-record files, exactly one gzip member). */
  offset: number;
  length: number;
}

/**
 * Every response record of a WARC (gzip per record, whole-file gzip or plain), in file order.
 * Offsets are known only once the next record starts, so each entry is yielded one record late.
 */
export async function* iterateWarc(
  stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: {
    /** Called with each metadata record (the crawler writes one per failed fetch), in file order; lower-case header names. */
    onMetadata?: (record: { targetUri: string; warcHeaders: Record<string, string>; body: Buffer }) => void;
  } = {},
): AsyncIterable<WarcEntry> {
  let total = 0;
  const counted = (async function* () {
    for await (const chunk of stream) {
      total += chunk.length;
      yield chunk;
    }
  })();
  const parser = new WARCParser(counted);
  let previous: (WarcResponse & { offset: number }) | undefined;
  for await (const record of parser) {
    const offset = parser.offset;
    if (previous) yield { ...previous, length: offset - previous.offset };
    previous = undefined;
    if (record.warcType === 'response' && record.httpHeaders) {
      previous = { ...(await responseOf(record)), offset };
    } else if (record.warcType === 'metadata' && options.onMetadata) {
      const warcHeaders: Record<string, string> = {};
      for (const [name, value] of record.warcHeaders.headers) warcHeaders[name.toLowerCase()] = value;
      const body = Buffer.from(await record.readFully(false));
      options.onMetadata({ targetUri: record.warcTargetURI ?? '', warcHeaders, body });
    } else {
      await record.skipFully();
    }
  }
  if (previous) yield { ...previous, length: total - previous.offset };
}
