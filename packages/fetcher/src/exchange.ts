import { AbepError } from '@abep/schemas';
import type { Dispatcher } from 'undici';
import { toFetchError } from './fetch-errors.ts';
import { readBody } from './read-body.ts';

export interface ExchangeOptions {
  headers: Record<string, string>;
  signal?: AbortSignal;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  /** Decides from the status and headers whether the body is worth reading; unread bodies are drained a little and dropped. */
  wantBody(status: number, headers: Record<string, string>): boolean;
  onLimit?: 'throw' | 'truncate';
}

export interface ExchangeResult {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decoded payload; empty when the body was not wanted. */
  body: Buffer;
}

const DRAIN_LIMIT = 64 * 1024;

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** One GET of one URL: no redirects, no retries. Throws AbepError (see toFetchError and readBody). */
export async function exchange(
  dispatcher: Dispatcher,
  url: URL,
  options: ExchangeOptions,
): Promise<ExchangeResult> {
  const total = AbortSignal.timeout(options.totalTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, total]) : total;
  try {
    const response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: options.headers,
      signal,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
    const headers = flattenHeaders(response.headers);
    const status = response.statusCode;
    if (!options.wantBody(status, headers)) {
      await response.body.dump({ limit: DRAIN_LIMIT }).catch(() => undefined);
      return { status, headers, body: Buffer.alloc(0) };
    }
    const declared = Number(headers['content-length']);
    const plain = (headers['content-encoding'] ?? 'identity').trim().toLowerCase() === 'identity';
    if (
      plain &&
      options.onLimit !== 'truncate' &&
      Number.isFinite(declared) &&
      declared > options.maxBodyBytes
    ) {
      response.body.destroy();
      throw new AbepError(
        'BODY_TOO_LARGE',
        `content-length ${declared} exceeds ${options.maxBodyBytes} bytes: ${url.href}`,
        {
          details: { url: url.href, maxBytes: options.maxBodyBytes, contentLength: declared },
        },
      );
    }
    const body = await readBody(response.body, {
      contentEncoding: headers['content-encoding'],
      maxBytes: options.maxBodyBytes,
      onLimit: options.onLimit ?? 'throw',
      url: url.href,
    });
    return { status, headers, body };
  } catch (error) {
    throw toFetchError(error, url.href, total.aborted && !options.signal?.aborted);
  }
}
