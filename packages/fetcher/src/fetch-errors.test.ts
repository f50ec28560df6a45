import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { toFetchError } from './fetch-errors.ts';

const sys = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('toFetchError', () => {
  it.each([
    [sys('ENOTFOUND'), 'FETCH_DNS', false],
    [sys('EAI_AGAIN'), 'FETCH_DNS', true],
    [sys('ECONNREFUSED'), 'FETCH_REFUSED', true],
    [sys('ECONNRESET'), 'FETCH_NETWORK', true],
    [sys('UND_ERR_SOCKET'), 'FETCH_NETWORK', true],
    [sys('UND_ERR_CONNECT_TIMEOUT'), 'FETCH_TIMEOUT', true],
    [sys('UND_ERR_HEADERS_TIMEOUT'), 'FETCH_TIMEOUT', true],
    [sys('UND_ERR_BODY_TIMEOUT'), 'FETCH_TIMEOUT', true],
    [new DOMException('signal timed out', 'TimeoutError'), 'FETCH_TIMEOUT', true],
    [new DOMException('aborted', 'AbortError'), 'DEADLINE_EXCEEDED', true],
    [new Error('something odd'), 'FETCH_NETWORK', true],
  ] as const)('%s → %s (retriable %s)', (error, code, retriable) => {
    const mapped = toFetchError(error, 'http://example.org/');
    expect(mapped.code).toBe(code);
    expect(mapped.retriable).toBe(retriable);
    expect(mapped.details?.url).toBe('http://example.org/');
  });

  it('finds the system code inside undici wrappers and AggregateErrors', () => {
    const wrapped = new TypeError('fetch failed', {
      cause: new AggregateError([sys('ECONNREFUSED')], 'all failed'),
    });
    expect(toFetchError(wrapped, 'http://x/').code).toBe('FETCH_REFUSED');
  });

  it('keeps an AbepError raised below (the guard, the body cap) as it is', () => {
    const guard = new AbepError('PRIVATE_ADDRESS', 'no');
    expect(toFetchError(Object.assign(new Error('connect failed'), { cause: guard }), 'http://x/')).toBe(
      guard,
    );
  });

  it('a total-time abort is a timeout even though its error says aborted', () => {
    expect(toFetchError(sys('UND_ERR_ABORTED'), 'http://x/', true).code).toBe('FETCH_TIMEOUT');
  });
});
