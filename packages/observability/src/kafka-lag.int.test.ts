import { silentLogger } from '@abep/logger';
import { kafkaBrokers, requireService, uniqueId } from '@abep/testkit';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaLagSource } from './kafka-lag.ts';
import { startLagSampler } from './lag-sampler.ts';
import { createMetrics } from './metrics.ts';

describe('kafkaLagSource against a real broker', () => {
  const topic = uniqueId('obs-lag');
  const groupId = uniqueId('obs-lag-group');
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    await requireService('kafka');
    kafka = new Kafka({
      brokers: kafkaBrokers(),
      clientId: 'observability-test',
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `a${i}` })),
        ...Array.from({ length: 3 }, (_, i) => ({ partition: 1, value: `b${i}` })),
      ],
    });
    await producer.disconnect();
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
  }, 30_000);

  afterAll(async () => {
    if (!admin) return;
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect();
  });

  it('reports how far the group trails each partition, straight from a kafkajs Admin', async () => {
    const source = kafkaLagSource({ admin, groupId, topics: [topic] });
    expect(await source()).toEqual([
      { topic, partition: 0, group: groupId, lag: 3 },
      { topic, partition: 1, group: groupId, lag: 3 },
    ]);
  });

  it('lands in abep_consumer_lag through the sampler', async () => {
    const metrics = createMetrics({ service: 'extractor', defaultMetrics: false });
    const sampler = startLagSampler({
      source: kafkaLagSource({ admin, groupId, topics: [topic] }),
      metrics,
      logger: silentLogger(),
      intervalMs: 60_000,
    });
    await sampler.sampleNow();
    await sampler.stop();
    const text = await metrics.scrape();
    expect(text).toContain(
      `abep_consumer_lag{topic="${topic}",partition="0",group="${groupId}",service="extractor"} 3`,
    );
  });
});
