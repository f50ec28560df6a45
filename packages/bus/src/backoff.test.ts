import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

const policy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt and keeps at least half of it (full jitter above half)', () => {
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 1)).toBe(100);
    expect(backoffDelay(policy, 3, () => 1)).toBe(400);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelay(policy, 20, () => 1)).toBe(1000);
  });
});
