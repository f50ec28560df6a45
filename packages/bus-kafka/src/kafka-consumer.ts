import { setTimeout as sleep } from 'node:timers/promises';
import type { RawConsumeOptions, RawMessage } from '@abep/bus';
import type { Logger } from '@abep/logger';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumerTuning } from './consumer-tuning.ts';
import { busUnavailable } from './kafka-errors.ts';
import { toRaw } from './to-raw.ts';

export interface ConsumerContext {
  kafka: Kafka;
  brokers: readonly string[];
  physicalTopic: string;
  tuning: ConsumerTuning;
  logger: Logger;
}

/**
 * The Kafka consumer group behind a bus subscription. The port's unit is (groupId, topic), as in the memory
 * twin; one Kafka group shared by consumers of different topics rebalances endlessly and leaves partitions
 * of one topic assigned to a member that only reads another, and a bare groupId would be shared by every
 * topic prefix on the broker.
 */
export function kafkaGroupId(groupId: string, physicalTopic: string): string {
  return `${groupId}.${physicalTopic}`;
}

export function consumerConfig(groupId: string, tuning: ConsumerTuning) {
  return {
    groupId,
    sessionTimeout: tuning.sessionTimeoutMs,
    heartbeatInterval: tuning.heartbeatIntervalMs,
    rebalanceTimeout: tuning.rebalanceTimeoutMs,
    maxWaitTimeInMs: tuning.maxWaitTimeMs,
    allowAutoTopicCreation: false,
  };
}

/**
 * One kafkajs consumer in `options.groupId`. Offsets are resolved by hand (eachBatchAutoResolve off), one
 * message at a time and only after `handle` resolves, so a commit never runs ahead of the handler.
 * A rejected handle is retried in place after `redeliveryDelayMs` — never skipped — unless the consumer is
 * stopping or lost the partition, in which case the message stays uncommitted for the next owner.
 */
export async function startKafkaConsumer(
  context: ConsumerContext,
  options: RawConsumeOptions,
): Promise<{ close(): Promise<void> }> {
  const { kafka, tuning, physicalTopic } = context;
  const log = context.logger.child({ topic: options.topic, groupId: options.groupId });
  const consumer: Consumer = kafka.consumer(
    consumerConfig(kafkaGroupId(options.groupId, physicalTopic), tuning),
  );
  const stopped = Promise.withResolvers<void>();
  const aborter = new AbortController();
  let stopping = false;

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [physicalTopic], fromBeginning: options.fromBeginning });
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw busUnavailable(`subscribing ${options.groupId} to ${options.topic}`, context.brokers, error);
  }

  async function deliver(raw: RawMessage, payload: EachBatchPayload, live: () => boolean): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const keepAlive = setInterval(
        () => void payload.heartbeat().catch(() => {}),
        tuning.heartbeatIntervalMs,
      );
      try {
        await options.handle(raw, aborter.signal);
        return true;
      } catch (error) {
        // A partition that cannot move past one message is stuck: say so, at 1, 2, 4, 8… attempts so a long
        // outage does not flood the log.
        const where = { partition: raw.partition, offset: raw.offset, attempt, err: error };
        if ((attempt & (attempt - 1)) === 0) log.warn(where, 'message not handled; partition waits for it');
        else log.debug(where, 'handle rejected; redelivering');
      } finally {
        clearInterval(keepAlive);
      }
      await Promise.race([sleep(tuning.redeliveryDelayMs), stopped.promise]);
      if (!live()) return false;
    }
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const live = () => !stopping && payload.isRunning() && !payload.isStale();
    for (const message of batch.messages) {
      if (!live()) return;
      const delivered = await deliver(toRaw(options.topic, batch.partition, message), payload, live);
      if (!delivered) return;
      payload.resolveOffset(message.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  await consumer.run({
    partitionsConsumedConcurrently: Math.max(1, options.partitionConcurrency),
    eachBatchAutoResolve: false,
    autoCommitInterval: 1000,
    eachBatch,
  });
  log.debug('kafka consumer running');

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        stopping = true;
        stopped.resolve();
        aborter.abort(new Error('subscription closed'));
        // disconnect = stop fetching, wait for the batch in hand, commit resolved offsets, leave the group.
        await consumer
          .disconnect()
          .catch((error: unknown) => log.warn({ err: error }, 'kafka consumer disconnect failed'));
      })();
      return closing;
    },
  };
}
