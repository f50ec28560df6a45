import { randomUUID } from 'node:crypto';
import { createBus } from '@abep/bus';
import { topicList } from '@abep/schemas';
import { type BusUnderTest, kafkaBrokers } from '@abep/testkit';
import type { ConsumerTuning } from './consumer-tuning.ts';
import { createKafkaClient } from './kafka-client.ts';
import { KafkaTransport } from './kafka-transport.ts';

/** Small enough that a second member joining a group settles in about a second. */
const TEST_TUNING: Partial<ConsumerTuning> = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 200,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
  redeliveryDelayMs: 20,
  readTimeoutMs: 20_000,
};

async function deleteNamespace(topicPrefix: string): Promise<void> {
  const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'abep-bus-kafka-test' }).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: topicList.map((t) => topicPrefix + t.name) });
  } finally {
    await admin.disconnect();
  }
}

/** A bus on a fresh, random topic namespace of the real broker; dispose closes it and deletes the topics. */
export async function createTestKafkaBus(): Promise<
  BusUnderTest & { transport: KafkaTransport; topicPrefix: string }
> {
  const topicPrefix = `t-${randomUUID().slice(0, 8)}.`;
  const transport = new KafkaTransport({
    brokers: kafkaBrokers(),
    clientId: 'abep-bus-kafka-test',
    topicPrefix,
    connectionTimeoutMs: 2000,
    retries: 3,
    consumer: TEST_TUNING,
  });
  await transport.ensureTopics();
  const bus = createBus(transport);
  return {
    bus,
    transport,
    topicPrefix,
    async dispose() {
      await bus.close();
      await deleteNamespace(topicPrefix);
    },
  };
}
