import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.ts';

const policy = { initialDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelayMs', () => {
  it('doubles the ceiling per attempt and keeps at least half of it', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(2, policy, () => 1)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
  });

  it('never exceeds the maximum delay', () => {
    expect(backoffDelayMs(20, policy, () => 1)).toBe(1000);
    expect(backoffDelayMs(20, policy, () => 0)).toBe(500);
  });

  it('spreads retries between half the ceiling and the ceiling', () => {
    const samples = Array.from({ length: 200 }, () => backoffDelayMs(3, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...samples)).toBeLessThanOrEqual(400);
    expect(new Set(samples).size).toBeGreaterThan(10);
  });
});
