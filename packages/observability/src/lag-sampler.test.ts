import { silentLogger } from '@abep/logger';
import { describe, expect, it } from 'vitest';
import { startLagSampler } from './lag-sampler.ts';
import type { LagSample } from './metrics.ts';

describe('startLagSampler', () => {
  it('samples on its interval, keeps the last values while the source fails, and stops', async () => {
    const seen: LagSample[][] = [];
    let calls = 0;
    const sampler = startLagSampler({
      intervalMs: 10,
      logger: silentLogger(),
      metrics: { consumerLag: (s) => seen.push([...s]) },
      source: async () => {
        calls++;
        if (calls === 2) throw new Error('broker unreachable');
        return [{ topic: 't', partition: 0, group: 'g', lag: calls }];
      },
    });
    await expect.poll(() => seen.length, { timeout: 2000 }).toBeGreaterThanOrEqual(2);
    await sampler.stop();
    const after = calls;
    await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(after);
    expect(seen[0]).toEqual([{ topic: 't', partition: 0, group: 'g', lag: 1 }]);
    expect(seen[1]).toEqual([{ topic: 't', partition: 0, group: 'g', lag: 3 }]);
  });

  it('never runs two samples at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const sampler = startLagSampler({
      intervalMs: 60_000,
      logger: silentLogger(),
      metrics: { consumerLag: () => {} },
      source: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return [];
      },
    });
    await Promise.all([sampler.sampleNow(), sampler.sampleNow(), sampler.sampleNow()]);
    await sampler.stop();
    expect(maxRunning).toBe(1);
  });
});
