import { kafkaBrokers, requireService } from '@abep/testkit';
import { describe, expect, it } from 'vitest';
import { watchBroker } from './broker-watch.ts';

describe('watchBroker on the real broker', () => {
  it('stays quiet while the broker is up, with a limit far shorter than the time watched', {
    timeout: 30_000,
  }, async () => {
    await requireService('kafka');
    const outageMs = 1000;
    const watch = watchBroker(
      { brokers: kafkaBrokers(), clientId: 'abep-bus-kafka-test' },
      { outageMs, probeMs: 100, probeTimeoutMs: 500 },
    );
    let lost: unknown;
    watch.lost.catch((error: unknown) => {
      lost = error;
    });
    try {
      // Five limits' worth of probes (about 50) against the live broker: any that failed would have started
      // the outage clock, and one limit later `lost` would have rejected.
      await new Promise((resolve) => setTimeout(resolve, 5 * outageMs));
      expect(lost).toBeUndefined();
      expect(watch.isLost).toBe(false);
    } finally {
      await watch.close();
    }
  });
});
