import { createKafkaClient } from '@abep/bus-kafka';
import { createRuntime, type Infra, openInfra, readSettings } from '@abep/cli';
import { loadGazetteer } from '@abep/gazetteer';
import type { DeadLetterV1 } from '@abep/schemas';
import { eventually, kafkaBrokers, requireService } from '@abep/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteTopics, realEnv, testLogger } from './support/harness.ts';

// The crawl tracker reads the lifecycle topics from the beginning under a fresh group on every start, so its
// progress survives restarts. A poison message in that history must be dead-lettered once, by the run that
// read it live, not again by every later run.
describe('crawl tracker dead letters on the real broker', () => {
  let real: ReturnType<typeof realEnv>;
  let infra: Infra;
  const gazetteer = loadGazetteer();

  const trackerLetters = async (): Promise<DeadLetterV1[]> => {
    const out: DeadLetterV1[] = [];
    for await (const r of infra.bus.readToEnd('message.dead-lettered.v1'))
      if (r.ok && r.delivery.value.groupId.startsWith('crawl-tracker-')) out.push(r.delivery.value);
    return out;
  };

  /** One tracker start: runs until it has read `crawlId`'s crawl.started (published after the poison). */
  const trackerRun = async (crawlId: string) => {
    const runtime = createRuntime({
      infra,
      settings: readSettings(real.env),
      logger: testLogger(),
      gazetteer,
      services: ['tracker'],
    });
    await runtime.start();
    try {
      await eventually(() => expect(runtime.tracker?.progress(crawlId)).toBeDefined(), 30_000);
    } finally {
      await runtime.close();
    }
  };

  const started = (crawlId: string) => ({
    crawlId,
    plan: { pipelines: ['la-websites'] },
    seeds: 1,
    startedAt: new Date().toISOString(),
    deadline: new Date(Date.now() + 3_600_000).toISOString(),
  });

  beforeAll(async () => {
    await requireService('kafka');
    real = realEnv('dlq');
    infra = await openInfra(readSettings(real.env).infra, testLogger());
    const producer = createKafkaClient({
      brokers: kafkaBrokers(),
      clientId: `${real.topicPrefix}poison`,
    }).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: `${real.topicPrefix}crawl.started.v1`,
        messages: [{ key: 'poison', value: 'not json' }],
      });
    } finally {
      await producer.disconnect();
    }
    await infra.bus.publish('crawl.started.v1', [started('c-20250106T100000Z-dlq-a')]);
  }, 120_000);

  afterAll(async () => {
    await infra?.close();
    if (real?.topicPrefix) await deleteTopics(real.topicPrefix).catch(() => undefined);
  });

  it('dead-letters the poison message once across three tracker runs, and keeps reading past it', async () => {
    await trackerRun('c-20250106T100000Z-dlq-a');
    await eventually(async () => expect(await trackerLetters()).toHaveLength(1), 20_000);
    await trackerRun('c-20250106T100000Z-dlq-a');
    await infra.bus.publish('crawl.started.v1', [started('c-20250106T100000Z-dlq-b')]);
    await trackerRun('c-20250106T100000Z-dlq-b');
    const letters = await trackerLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ topic: 'crawl.started.v1', code: 'MESSAGE_NOT_JSON' });
  }, 180_000);
});
