import { randomUUID } from 'node:crypto';
import { topicList } from '@abep/schemas';
import { kafkaBrokers, requireService } from '@abep/testkit';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics } from './ensure-topics.ts';
import { createKafkaClient } from './kafka-client.ts';

describe('ensureTopics on the real broker', () => {
  const topicPrefix = `t-${randomUUID().slice(0, 8)}.`;
  const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'abep-bus-kafka-test' }).admin();

  beforeAll(async () => {
    await requireService('kafka');
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: topicList.map((t) => topicPrefix + t.name) }).catch(() => {});
    await admin.disconnect();
  });

  it('creates the whole catalogue with its partitions and a compacted register, and is idempotent', async () => {
    const first = await ensureTopics(admin, { topicPrefix });
    expect(first.created.sort()).toEqual(topicList.map((t) => topicPrefix + t.name).sort());
    const second = await ensureTopics({ brokers: kafkaBrokers() }, { topicPrefix });
    expect(second).toEqual({ created: [], existing: topicList.map((t) => topicPrefix + t.name) });

    const { topics } = await admin.fetchTopicMetadata({ topics: topicList.map((t) => topicPrefix + t.name) });
    for (const spec of topicList) {
      expect(topics.find((t) => t.name === topicPrefix + spec.name)?.partitions).toHaveLength(
        spec.partitions,
      );
    }
    const policies = await admin.describeConfigs({
      includeSynonyms: false,
      resources: ['register.updated.v1', 'page.fetched.v1'].map((name) => ({
        type: kafkajs.ConfigResourceTypes.TOPIC,
        name: topicPrefix + name,
        configNames: ['cleanup.policy'],
      })),
    });
    expect(policies.resources.map((r) => [r.resourceName, r.configEntries[0]?.configValue])).toEqual([
      [`${topicPrefix}register.updated.v1`, 'compact'],
      [`${topicPrefix}page.fetched.v1`, 'delete'],
    ]);
  });
});
