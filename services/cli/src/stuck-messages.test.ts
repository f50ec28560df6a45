import { describe, expect, it } from 'vitest';
import { STUCK_AFTER_MS, stuckMessages } from './stuck-messages.ts';

const now = new Date('2026-01-01T01:00:00Z');
const waitingFor = (ms: number, offset: string) => ({
  groupId: 'normaliser',
  topic: 'crawl.finished.v1',
  partition: 2,
  offset,
  attempts: 9,
  code: 'STORE_UNAVAILABLE',
  since: new Date(now.getTime() - ms),
});

describe('stuckMessages', () => {
  it('names each message waiting past the limit by topic, partition, offset, group and code', () => {
    expect(stuckMessages([waitingFor(5_000, '7'), waitingFor(STUCK_AFTER_MS + 1000, '8')], now)).toBe(
      '1 message(s) not handled: crawl.finished.v1[2]@8 (normaliser) STORE_UNAVAILABLE for 121 s, 9 attempts',
    );
  });

  it('reports nothing while every message is inside the limit', () => {
    expect(stuckMessages([waitingFor(STUCK_AFTER_MS - 1, '7')], now)).toBeUndefined();
    expect(stuckMessages([], now)).toBeUndefined();
  });
});
