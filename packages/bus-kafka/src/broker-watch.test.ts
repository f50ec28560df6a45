import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { watchBroker } from './broker-watch.ts';
import { closedPort } from './closed-port.test-helper.ts';

describe('watchBroker on a broker that is not there', { timeout: 20_000 }, () => {
  it('rejects with BUS_UNAVAILABLE naming the brokers once the outage limit has passed, not before', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const outageMs = 2000;
    const started = Date.now();
    const watch = watchBroker({ brokers: [address] }, { outageMs, probeMs: 100, probeTimeoutMs: 500 });
    let settledAt: number | undefined;
    const outcome = watch.lost.catch((error: unknown) => {
      settledAt = Date.now();
      return error;
    });
    try {
      // Every probe has failed by now, but the limit has not passed: still quiet.
      await new Promise((resolve) => setTimeout(resolve, outageMs - 500));
      expect(settledAt).toBeUndefined();
      expect(watch.isLost).toBe(false);

      const error = await outcome;
      const after = (settledAt as number) - started;
      console.log(`broker watch on a closed port: lost after ${after} ms (limit ${outageMs} ms)`);
      expect(error).toBeInstanceOf(AbepError);
      expect((error as AbepError).code).toBe('BUS_UNAVAILABLE');
      expect((error as AbepError).details).toEqual({ brokers: [address] });
      expect(watch.isLost).toBe(true);
      // The first probe fails after one interval; the limit is counted from it, then one more interval.
      expect(after).toBeGreaterThanOrEqual(outageMs);
      expect(after).toBeLessThan(outageMs + 2000);
    } finally {
      await watch.close();
    }
  });

  it('closed before the limit, never rejects', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const watch = watchBroker({ brokers: [address] }, { outageMs: 1000, probeMs: 100, probeTimeoutMs: 300 });
    let rejected = false;
    watch.lost.catch(() => {
      rejected = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await watch.close();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(rejected).toBe(false);
    expect(watch.isLost).toBe(false);
  });
});
