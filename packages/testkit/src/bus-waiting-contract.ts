import { AbepError } from '@abep/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { type BusUnderTest, fast, request } from './bus-contract.ts';
import { eventually, uniqueId } from './eventually.ts';

const TOPIC = 'crawl.requested.v1';

/**
 * Bus.waiting, run unchanged against the in-process twin and the real Kafka broker: a stuck consumer shows,
 * with where it is stuck and why. `create` must give a bus on fresh, empty topics each time.
 */
export function busWaitingContract(
  name: string,
  create: () => Promise<BusUnderTest>,
  timeoutMs = 60_000,
): void {
  describe(`Bus contract (waiting): ${name}`, { timeout: timeoutMs }, () => {
    let current: BusUnderTest | undefined;
    const open = async () => {
      current = await create();
      return current;
    };
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    it('shows a message its handler keeps failing on as waiting, with where it is and why, until it succeeds', async () => {
      const { bus } = await open();
      await bus.publish(TOPIC, [request('w.example', 0)]);
      const groupId = uniqueId('g');
      let failing = true;
      let attempts = 0;
      await bus.subscribe({
        topic: TOPIC,
        groupId,
        retry: fast,
        handler: async () => {
          attempts++;
          if (failing) throw new AbepError('STORE_UNAVAILABLE', 'down', { retriable: true });
        },
      });
      await eventually(() => expect(attempts).toBeGreaterThanOrEqual(4), timeoutMs / 2);
      const [waiting, ...others] = bus.waiting();
      expect(others).toEqual([]);
      expect(waiting).toMatchObject({ groupId, topic: TOPIC, code: 'STORE_UNAVAILABLE' });
      expect(waiting?.attempts).toBeGreaterThanOrEqual(3);
      expect(typeof waiting?.partition).toBe('number');
      expect(waiting?.since.getTime()).toBeLessThanOrEqual(Date.now());
      failing = false;
      await eventually(() => expect(bus.waiting()).toEqual([]), timeoutMs / 2);
    });
  });
}
