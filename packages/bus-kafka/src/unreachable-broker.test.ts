import { AbepError, type CrawlRequestedV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { closedPort } from './closed-port.test-helper.ts';
import { createKafkaBus } from './create-kafka-bus.ts';
import { ensureTopics } from './ensure-topics.ts';

const request: CrawlRequestedV1 = {
  crawlId: 'c1',
  pipeline: 'la-websites',
  url: 'https://a.example/',
  depth: 0,
  requestedAt: '2026-01-01T00:00:00.000Z',
};

async function failure(promise: Promise<unknown>): Promise<AbepError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AbepError);
  return error as AbepError;
}

describe('an unreachable broker', () => {
  const fast = { connectionTimeoutMs: 300, retries: 1, initialRetryTimeMs: 50 };

  it('fails publish, subscribe and readToEnd with a retriable BUS_UNAVAILABLE naming the broker, quickly', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const bus = createKafkaBus({ brokers: [address], ...fast });
    const started = Date.now();
    const errors = [
      await failure(bus.publish('crawl.requested.v1', [request])),
      await failure(bus.subscribe({ topic: 'crawl.requested.v1', groupId: 'g', handler: async () => {} })),
      await failure(
        (async () => {
          for await (const _ of bus.readToEnd('register.updated.v1')) break;
        })(),
      ),
    ];
    for (const error of errors) {
      expect(error.code).toBe('BUS_UNAVAILABLE');
      expect(error.retriable).toBe(true);
      expect(error.message).toContain(address);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    await bus.close();
  });

  it('fails topic creation with BUS_UNAVAILABLE instead of hanging', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    const error = await failure(ensureTopics({ brokers: [address], ...fast }));
    expect(error.code).toBe('BUS_UNAVAILABLE');
    expect(error.message).toContain(address);
  });
});
