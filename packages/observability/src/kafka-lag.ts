import type { LagSource } from './lag-sampler.ts';
import type { LagSample } from './metrics.ts';

/**
 * The two kafkajs Admin calls lag needs, typed structurally so this package does not depend on kafkajs:
 * a kafkajs `Admin` satisfies it as is.
 */
export interface KafkaLagAdmin {
  fetchTopicOffsets(
    topic: string,
  ): Promise<Array<{ partition: number; offset: string; high: string; low: string }>>;
  fetchOffsets(options: {
    groupId: string;
    topics: string[];
  }): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>>;
}

export interface KafkaLagSourceOptions {
  admin: KafkaLagAdmin;
  groupId: string;
  /** Physical topic names (with any prefix) the group consumes. */
  topics: readonly string[];
}

/**
 * Lag of one partition. A group that has committed nothing (offset -1) lags by everything still retained
 * (high - low); lag is never negative.
 */
export function partitionLag(committed: string | undefined, high: string, low: string): number {
  const h = BigInt(high);
  const c = committed === undefined ? -1n : BigInt(committed);
  const from = c < 0n ? BigInt(low) : c;
  const lag = h - from;
  return lag > 0n ? Number(lag) : 0;
}

/**
 * A {@link LagSource} for a kafkajs consumer group: admin.fetchOffsets + admin.fetchTopicOffsets per topic.
 * Samples come in topic order, then partition order.
 */
export function kafkaLagSource(options: KafkaLagSourceOptions): LagSource {
  return async () => {
    const topics = [...options.topics];
    const [committed, ...watermarks] = await Promise.all([
      options.admin.fetchOffsets({ groupId: options.groupId, topics }),
      ...topics.map((t) => options.admin.fetchTopicOffsets(t)),
    ]);
    const samples: LagSample[] = [];
    topics.forEach((topic, i) => {
      const groupOffsets = new Map(
        (committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]),
      );
      for (const w of [...(watermarks[i] ?? [])].sort((a, b) => a.partition - b.partition)) {
        samples.push({
          topic,
          partition: w.partition,
          group: options.groupId,
          lag: partitionLag(groupOffsets.get(w.partition), w.high, w.low),
        });
      }
    });
    return samples;
  };
}
