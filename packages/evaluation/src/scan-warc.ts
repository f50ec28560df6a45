import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { AbepError } from '@abep/schemas';
import { iterateWarc } from '@abep/warc';

export interface WarcScan {
  file: string;
  /** Target URIs of every response record, in file order. */
  urls: string[];
  /** Records whose body is not HTML text the extractor can read, with why. */
  undecodable: { url: string; reason: string }[];
}

const HTML = new Set(['text/html', 'application/xhtml+xml']);

/** Why a response body cannot be read as an HTML page, or undefined when it can. */
export function undecodableReason(
  contentType: string,
  headers: Record<string, string>,
  body: Buffer,
): string | undefined {
  if (!HTML.has(contentType)) return `Content-Type ${contentType || 'missing'} is not HTML`;
  const charset =
    /charset=["']?([^;"'\s]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  if (charset === 'utf-8' || charset === 'utf8') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return 'body is not valid UTF-8 (as its Content-Type says it is)';
    }
  }
  if (body.includes(0)) return 'body holds NUL bytes (binary, not text)';
  return undefined;
}

/**
 * Reads a WARC file once before evaluation: a file that is missing, not gzip-per-record or holds no response
 * record is CONFIG_INVALID naming the file; each page that cannot be decoded is listed, never dropped.
 */
export async function scanWarc(file: string): Promise<WarcScan> {
  const head = Buffer.alloc(2);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new AbepError(
      'CONFIG_INVALID',
      `${file}: ${code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a WARC file' : 'cannot be read'}`,
      { cause },
    );
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b)
    throw new AbepError(
      'CONFIG_INVALID',
      `${file}: not a gzip-per-record WARC file (does not start with a gzip member)`,
    );
  const scan: WarcScan = { file, urls: [], undecodable: [] };
  try {
    for await (const entry of iterateWarc(createReadStream(file))) {
      scan.urls.push(entry.targetUri);
      const reason = undecodableReason(entry.contentType, entry.headers, entry.body);
      if (reason) scan.undecodable.push({ url: entry.targetUri, reason });
    }
  } catch (cause) {
    throw new AbepError('CONFIG_INVALID', `${file}: not a readable WARC file (${(cause as Error).message})`, {
      cause,
    });
  }
  if (scan.urls.length === 0)
    throw new AbepError('CONFIG_INVALID', `${file}: holds no WARC response records`);
  return scan;
}
