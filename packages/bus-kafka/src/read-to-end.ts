import { randomUUID } from 'node:crypto';
import type { RawMessage } from '@abep/bus';
import { AbepError } from '@abep/schemas';
import type { Admin, Kafka } from 'kafkajs';
import type { ConsumerContext } from './kafka-consumer.ts';
import { consumerConfig } from './kafka-consumer.ts';
import { busUnavailable } from './kafka-errors.ts';
import { toRaw } from './to-raw.ts';

/**
 * Every message of the topic up to the high watermark of each partition at call time, partition by
 * partition. kafkajs has no manual partition assignment, so this joins a throwaway group that commits
 * nothing and is deleted afterwards. Messages are buffered until every partition reached its end: fine
 * for the register and dead-letter topics it is meant for, not for replaying a whole crawl.
 */
export async function* readTopicToEnd(
  context: ConsumerContext & { admin: () => Promise<Admin> },
  logicalTopic: string,
): AsyncIterable<RawMessage> {
  const { kafka, physicalTopic, brokers } = context;
  const admin = await context.admin();
  let offsets: Awaited<ReturnType<Admin['fetchTopicOffsets']>>;
  try {
    offsets = await admin.fetchTopicOffsets(physicalTopic);
  } catch (error) {
    throw busUnavailable(`reading the end offsets of ${logicalTopic}`, brokers, error);
  }
  const ends = new Map<number, bigint>();
  for (const { partition, high, low } of offsets)
    if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
  if (ends.size === 0) return;

  const groupId = `abep-read-to-end-${randomUUID()}`;
  const buffers = new Map<number, RawMessage[]>([...ends.keys()].map((p) => [p, []]));
  const read = await collect(kafka, groupId, context, logicalTopic, ends, buffers);
  await admin.deleteGroups([groupId]).catch(() => {});
  if (read.error) throw read.error;

  for (const partition of [...buffers.keys()].sort((a, b) => a - b)) yield* buffers.get(partition) ?? [];
}

async function collect(
  kafka: Kafka,
  groupId: string,
  context: ConsumerContext,
  logicalTopic: string,
  ends: Map<number, bigint>,
  buffers: Map<number, RawMessage[]>,
): Promise<{ error?: AbepError }> {
  const { physicalTopic, tuning, brokers } = context;
  const pending = new Set(ends.keys());
  const done = Promise.withResolvers<AbepError | undefined>();
  const consumer = kafka.consumer({ ...consumerConfig(groupId, tuning), retry: { retries: 2 } });
  const timer = setTimeout(
    () =>
      done.resolve(
        new AbepError(
          'BUS_UNAVAILABLE',
          `kafka at ${brokers.join(',')}: reading ${logicalTopic} to its end took over ${tuning.readTimeoutMs} ms`,
          { retriable: true },
        ),
      ),
    tuning.readTimeoutMs,
  );
  consumer.on(consumer.events.CRASH, (event) => {
    done.resolve(busUnavailable(`reading ${logicalTopic} to its end`, brokers, event.payload.error));
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [physicalTopic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: Math.min(ends.size, 4),
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition);
        const buffer = buffers.get(batch.partition);
        if (end === undefined || !buffer || !pending.has(batch.partition)) return;
        for (const message of batch.messages) {
          if (BigInt(message.offset) >= end) break;
          buffer.push(toRaw(logicalTopic, batch.partition, message));
        }
        if (BigInt(batch.lastOffset()) >= end - 1n) {
          pending.delete(batch.partition);
          if (pending.size === 0) done.resolve(undefined);
        }
      },
    });
    const error = await done.promise;
    return error ? { error } : {};
  } catch (error) {
    return { error: busUnavailable(`reading ${logicalTopic} to its end`, brokers, error) };
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => {});
  }
}
