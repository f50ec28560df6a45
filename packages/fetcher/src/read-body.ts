import { type Readable, type Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { AbepError } from '@abep/schemas';

/** Transforms that undo a Content-Encoding header, outermost coding last (RFC 9110 §8.4). */
function decodersFor(contentEncoding: string | undefined, url: string): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // Z_SYNC_FLUSH tolerates the truncated streams many servers send.
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip(lenient);
      case 'deflate':
        return zlib.createInflate(lenient);
      case 'br':
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      case 'zstd':
        return zlib.createZstdDecompress();
      default:
        throw new AbepError('CONTENT_TYPE_UNSUPPORTED', `unsupported content-encoding ${coding}: ${url}`, {
          details: { url, contentEncoding },
        });
    }
  });
}

export interface ReadBodyOptions {
  contentEncoding: string | undefined;
  /** Cap on the decoded bytes. */
  maxBytes: number;
  /** throw: BODY_TOO_LARGE (the default); truncate: keep the first maxBytes (robots.txt, RFC 9309 §2.5). */
  onLimit?: 'throw' | 'truncate';
  url: string;
}

class LimitReached extends Error {}

/**
 * Streams a response body through its decoders and collects it, counting DECODED bytes, so a small compressed
 * bomb stops at the cap like a large plain body does. On any failure the source is destroyed (with undici this
 * closes the connection) and at most ~maxBytes plus one zlib chunk is ever held.
 */
export async function readBody(source: Readable, options: ReadBodyOptions): Promise<Buffer> {
  const { maxBytes, url } = options;
  let decoders: Transform[];
  try {
    decoders = decodersFor(options.contentEncoding, url);
  } catch (error) {
    source.destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      const room = maxBytes - total;
      if (chunk.length > room) {
        if (options.onLimit === 'truncate' && room > 0) chunks.push(chunk.subarray(0, room));
        total += Math.max(0, room);
        callback(new LimitReached());
        return;
      }
      chunks.push(chunk);
      total += chunk.length;
      callback();
    },
  });
  try {
    await pipeline([source, ...decoders, sink]);
  } catch (error) {
    source.destroy();
    if (error instanceof LimitReached) {
      if (options.onLimit === 'truncate') return Buffer.concat(chunks, total);
      throw new AbepError('BODY_TOO_LARGE', `body exceeds ${maxBytes} bytes (after decoding): ${url}`, {
        retriable: false,
        details: { url, maxBytes, contentEncoding: options.contentEncoding ?? 'identity' },
      });
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}
