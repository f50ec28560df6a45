import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetriableStatus, parseRetryAfterMs } from './retry-policy.ts';

describe('backoffDelayMs', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles the ceiling per attempt and never passes maxDelayMs', () => {
    const top = () => 0.999_999;
    expect(backoffDelayMs(1, policy, top)).toBe(99);
    expect(backoffDelayMs(2, policy, top)).toBe(199);
    expect(backoffDelayMs(3, policy, top)).toBe(399);
    expect(backoffDelayMs(10, policy, top)).toBe(999);
  });

  it('is fully jittered down to zero', () => {
    expect(backoffDelayMs(5, policy, () => 0)).toBe(0);
    const samples = Array.from({ length: 200 }, () => backoffDelayMs(3, policy));
    expect(Math.min(...samples)).toBeLessThan(100);
    expect(Math.max(...samples)).toBeGreaterThan(300);
    expect(Math.max(...samples)).toBeLessThan(400);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('120', now)).toBe(120_000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as zero', () => {
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-5', now)).toBeUndefined();
  });
});

describe('isRetriableStatus', () => {
  it('retries 429 and 5xx only', () => {
    expect([200, 304, 404, 410, 429, 500, 502, 503].filter(isRetriableStatus)).toEqual([429, 500, 502, 503]);
  });
});
