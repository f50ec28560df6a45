import { setTimeout as sleep } from 'node:timers/promises';
import { PartitionWindow, type RawConsumeOptions, type RawMessage, Slots } from '@abep/bus';
import { AbepError } from '@abep/schemas';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { type ConsumerContext, consumerConfig, kafkaGroupId } from './kafka-consumer.ts';
import { busUnavailable } from './kafka-errors.ts';
import { toRaw } from './to-raw.ts';

/** Longest a settled offset waits before it is committed. */
const COMMIT_INTERVAL_MS = 200;

interface Owned {
  window: PartitionWindow;
  /** Aborts when this member gives the partition up (a rebalance), ending its queued work. */
  revoked: AbortController;
  committed?: string;
}

/**
 * A kafkajs consumer for a subscription with maxInFlight > 1. A batch is handed out without waiting for its
 * handlers (up to maxInFlight across partitions), so the next batch of a partition is fetched while earlier
 * messages still wait (a slow host never holds up the others on its partition). Offsets are committed by hand
 * (autoCommit off): a partition's commit point is its oldest unsettled message. kafkajs has no revoke callback
 * and does not wait for detached work: when a join hands a partition elsewhere, its work here is aborted and
 * what was not settled is redelivered to the new owner from the commit point. A partition kept across the
 * join keeps its window, so kafkajs re-reading it from the committed offset hands nothing out twice.
 * Between the rebalance starting and this member's join completing, requests of a partition about to move
 * may still run here while the new owner starts: a short overlap (at-least-once; done-markers dedupe).
 */
export async function startWindowedKafkaConsumer(
  context: ConsumerContext,
  options: RawConsumeOptions,
): Promise<{ close(): Promise<void> }> {
  const { kafka, tuning, physicalTopic } = context;
  const log = context.logger.child({ topic: options.topic, groupId: options.groupId });
  const consumer: Consumer = kafka.consumer(
    consumerConfig(kafkaGroupId(options.groupId, physicalTopic), tuning),
  );
  const closing = new AbortController();
  const slots = new Slots(options.maxInFlight ?? 1);
  const owned = new Map<number, Owned>();
  const running = new Set<Promise<void>>();
  const dirty = new Set<number>();
  let commitTimer: NodeJS.Timeout | undefined;
  let committing: Promise<void> = Promise.resolve();

  const revoke = (partition: number, why: string) => {
    const state = owned.get(partition);
    if (!state) return;
    owned.delete(partition);
    dirty.delete(partition);
    state.revoked.abort(new AbepError('BUS_UNAVAILABLE', why, { retriable: true }));
  };
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const mine = new Set(payload.memberAssignment[physicalTopic] ?? []);
    for (const partition of [...owned.keys()])
      if (!mine.has(partition)) revoke(partition, 'partition reassigned');
  });

  const flushCommits = (): Promise<void> => {
    commitTimer = undefined;
    const offsets: { topic: string; partition: number; offset: string }[] = [];
    for (const partition of dirty) {
      const state = owned.get(partition);
      const offset = state?.window.commitPoint();
      if (!state || offset === undefined || offset === state.committed) continue;
      state.committed = offset;
      offsets.push({ topic: physicalTopic, partition, offset });
    }
    dirty.clear();
    if (offsets.length === 0) return committing;
    committing = committing
      .then(() => consumer.commitOffsets(offsets))
      .catch((error: unknown) => {
        // A failed commit only means more redelivery after a restart; the next settle commits again.
        for (const { partition } of offsets) {
          const state = owned.get(partition);
          if (state) state.committed = undefined;
        }
        log.debug({ err: error }, 'offset commit failed; will retry');
      });
    return committing;
  };
  const scheduleCommit = (partition: number) => {
    dirty.add(partition);
    commitTimer ??= setTimeout(() => void flushCommits(), COMMIT_INTERVAL_MS);
  };

  async function deliver(raw: RawMessage, signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await options.handle(raw, signal);
        return;
      } catch (error) {
        if (signal.aborted) throw error;
        const where = { partition: raw.partition, offset: raw.offset, attempt, err: error };
        if ((attempt & (attempt - 1)) === 0) log.warn(where, 'message not handled; redelivering');
        await sleep(tuning.redeliveryDelayMs, undefined, { signal }).catch(() => {});
        if (signal.aborted) throw error;
      }
    }
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const partition = batch.partition;
    let state = owned.get(partition);
    if (!state) {
      state = { window: new PartitionWindow(), revoked: new AbortController() };
      owned.set(partition, state);
    }
    const mine = state;
    const signal = AbortSignal.any([closing.signal, mine.revoked.signal]);
    const live = () => !signal.aborted && payload.isRunning() && !payload.isStale();
    const keepAlive = setInterval(() => void payload.heartbeat().catch(() => {}), tuning.heartbeatIntervalMs);
    try {
      for (const message of batch.messages) {
        if (!live()) return;
        // After a rejoin that kept the partition, kafkajs re-reads from the committed offset.
        if (mine.window.seen(message.offset)) {
          payload.resolveOffset(message.offset);
          continue;
        }
        try {
          await slots.acquire(signal);
        } catch {
          return;
        }
        if (!live()) {
          slots.release();
          return;
        }
        mine.window.dispatch(message.offset);
        payload.resolveOffset(message.offset);
        const raw = toRaw(options.topic, partition, message);
        const task: Promise<void> = deliver(raw, signal)
          .then(
            () => {
              mine.window.settle(raw.offset);
              if (owned.get(partition) === mine) scheduleCommit(partition);
            },
            () => {},
          )
          .finally(() => {
            slots.release();
            running.delete(task);
          });
        running.add(task);
      }
    } finally {
      clearInterval(keepAlive);
    }
  }

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [physicalTopic], fromBeginning: options.fromBeginning });
    await consumer.run({
      partitionsConsumedConcurrently: Math.max(1, options.partitionConcurrency),
      eachBatchAutoResolve: false,
      autoCommit: false,
      eachBatch,
    });
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw busUnavailable(`subscribing ${options.groupId} to ${options.topic}`, context.brokers, error);
  }
  log.debug({ maxInFlight: options.maxInFlight }, 'windowed kafka consumer running');

  let closed: Promise<void> | undefined;
  return {
    close() {
      closed ??= (async () => {
        closing.abort(new AbepError('BUS_UNAVAILABLE', 'subscription closed', { retriable: true }));
        await Promise.all(running);
        if (commitTimer) clearTimeout(commitTimer);
        await flushCommits();
        await consumer
          .disconnect()
          .catch((error: unknown) => log.warn({ err: error }, 'kafka consumer disconnect failed'));
      })();
      return closed;
    },
  };
}
