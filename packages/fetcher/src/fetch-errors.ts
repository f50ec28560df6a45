import { AbepError, type ErrorCode } from '@abep/schemas';

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'HPE_INVALID_CONSTANT',
  'Z_DATA_ERROR',
  'Z_BUF_ERROR',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Maps an undici or system error from one exchange to an AbepError. `url` goes into details; `timedOut` says the
 * exchange's total-time signal fired (its AbortError carries no code of its own).
 */
export function toFetchError(error: unknown, url: string, timedOut = false): AbepError {
  const chain = causes(error);
  const existing = chain.find((e): e is AbepError => e instanceof AbepError);
  if (existing) return existing;
  const codes = chain.map(codeOf).filter((c): c is string => c !== undefined);
  const make = (code: ErrorCode, retriable: boolean, what: string) =>
    new AbepError(code, `${what}: ${url}`, {
      retriable,
      cause: error,
      details: { url, ...(codes[0] ? { systemCode: codes[0] } : {}) },
    });
  const names = chain.map((e) => (e as { name?: unknown } | null)?.name);
  if (timedOut || names.includes('TimeoutError') || codes.some((c) => TIMEOUT_CODES.has(c))) {
    return make('FETCH_TIMEOUT', true, 'timed out');
  }
  if (codes.includes('ENOTFOUND')) return make('FETCH_DNS', false, 'host not found');
  if (codes.includes('EAI_AGAIN') || codes.includes('ESERVFAIL'))
    return make('FETCH_DNS', true, 'DNS lookup failed');
  if (codes.includes('ECONNREFUSED')) return make('FETCH_REFUSED', true, 'connection refused');
  if (names.includes('AbortError') || codes.includes('UND_ERR_ABORTED') || codes.includes('ABORT_ERR')) {
    return make('DEADLINE_EXCEEDED', true, 'aborted by the caller');
  }
  if (
    codes.some(
      (c) => NETWORK_CODES.has(c) || c.startsWith('HPE_') || c.startsWith('ERR_SSL') || c.startsWith('CERT_'),
    )
  ) {
    return make('FETCH_NETWORK', true, 'network error');
  }
  return make(
    'FETCH_NETWORK',
    true,
    `fetch failed (${error instanceof Error ? error.message : String(error)})`,
  );
}
