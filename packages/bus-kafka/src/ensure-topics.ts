import { setTimeout as sleep } from 'node:timers/promises';
import { type TopicSpec, topicList } from '@abep/schemas';
import type { Admin } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import { busUnavailable } from './kafka-errors.ts';

export interface EnsureTopicsOptions {
  /** Physical name = prefix + catalogue name. Default ''. */
  topicPrefix?: string;
  /** Default 1 (the single local broker); production clusters want 3. */
  replicationFactor?: number;
  /** Default: the whole catalogue. */
  topics?: readonly TopicSpec[];
}

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
}

async function waitForLeaders(admin: Admin, names: string[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (names.length > 0) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      if (topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) {
        // A leader in the metadata may not act as one yet (NOT_LEADER_FOR_PARTITION); a list-offsets proves it.
        for (const name of names) await admin.fetchTopicOffsets(name);
        return;
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline)
      throw new Error(`topics ${names.join(', ')} have no leader after ${timeoutMs} ms`);
    await sleep(100);
  }
}

function isAdmin(target: Admin | KafkaClientOptions): target is Admin {
  return typeof (target as Admin).createTopics === 'function';
}

/**
 * Creates every catalogue topic that does not exist yet, with its partition count and cleanup policy
 * (compacted for the register). Idempotent: existing topics are left exactly as they are.
 */
export async function ensureTopics(
  target: Admin | KafkaClientOptions,
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  if (!isAdmin(target)) {
    const admin = createKafkaClient(target).admin();
    try {
      await admin.connect();
    } catch (error) {
      throw busUnavailable('connecting the admin client', target.brokers, error);
    }
    try {
      return await ensureTopics(admin, options);
    } catch (error) {
      throw busUnavailable('creating topics', target.brokers, error);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
  const prefix = options.topicPrefix ?? '';
  const specs = options.topics ?? topicList;
  const present = new Set(await target.listTopics());
  const missing = specs.filter((spec) => !present.has(prefix + spec.name));
  if (missing.length > 0) {
    await target.createTopics({
      // kafkajs's own wait treats KRaft's brief UNKNOWN_TOPIC_OR_PARTITION after a create as fatal.
      waitForLeaders: false,
      topics: missing.map((spec) => ({
        topic: prefix + spec.name,
        numPartitions: spec.partitions,
        replicationFactor: options.replicationFactor ?? 1,
        configEntries: [{ name: 'cleanup.policy', value: spec.cleanupPolicy }],
      })),
    });
  }
  await waitForLeaders(
    target,
    missing.map((spec) => prefix + spec.name),
  );
  return {
    created: missing.map((spec) => prefix + spec.name),
    existing: specs.filter((spec) => present.has(prefix + spec.name)).map((spec) => prefix + spec.name),
  };
}
