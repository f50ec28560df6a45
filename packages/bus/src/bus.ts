import type { AbepError, MessageOf, TopicName } from '@abep/schemas';

export interface Delivery<N extends TopicName> {
  topic: N;
  partition: number;
  offset: string;
  key: string;
  value: MessageOf<N>;
  headers: Record<string, string>;
  /** 1 on first delivery; grows with each in-process retry. */
  attempt: number;
  /**
   * Aborts when the subscription closes or this partition moves to another consumer. A handler that has not
   * started its side effects should then throw (the message stays uncommitted and is redelivered).
   */
  signal: AbortSignal;
}

export type Handler<N extends TopicName> = (delivery: Delivery<N>) => Promise<void>;

export interface RetryPolicy {
  /** Total handler attempts for a retriable failure before the message is dead-lettered. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface SubscribeOptions<N extends TopicName> {
  topic: N;
  groupId: string;
  handler: Handler<N>;
  /** Where a group with no committed offset starts. Default: the beginning. */
  fromBeginning?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Partitions handled at once; with maxInFlight 1, order within a partition (so per key) is kept. */
  partitionConcurrency?: number;
  /**
   * Messages handled at once across the subscription's partitions. 1 (default): one at a time per partition,
   * in order. More: for topics whose catalogue entry promises no per-key order to consumers (crawl requests),
   * handlers overlap and finish in any order; a partition's committed offset stays at its oldest message not
   * yet settled, so a crash or close redelivers it (and possibly later, settled ones: at-least-once).
   */
  maxInFlight?: number;
  /**
   * For a reader that re-reads history under a fresh group on every start (the crawl tracker): a message that
   * cannot be handled and for which this returns true is skipped and committed, not dead-lettered a second
   * time. Default: every such message is dead-lettered.
   */
  alreadyDeadLettered?: (message: { topic: string; partition: number; offset: string }) => boolean;
}

export interface Subscription {
  /** Stops taking messages, lets the in-flight handlers finish, commits, then leaves the group. */
  close(): Promise<void>;
}

export type ReadResult<N extends TopicName> =
  | { ok: true; delivery: Delivery<N> }
  | { ok: false; error: AbepError; partition: number; offset: string; key: string | null };

/**
 * The message bus port.
 *
 * - publish: every value is parsed against the topic catalogue before anything is sent; a value that fails
 *   throws SCHEMA_INVALID and none of the batch is sent; so does a message over the transport's size limit,
 *   with MESSAGE_TOO_LARGE (not retriable). Keys come from the catalogue's keyOf.
 * - subscribe: consumer groups, at-least-once. Messages with one key arrive in publish order (and, with
 *   maxInFlight 1, are handled one after another). An offset is committed only after the handler of that
 *   message and of every earlier one on its partition resolved (or was dead-lettered). A handler that throws
 *   a retriable AbepError is retried with exponential backoff up to the retry policy; a non-retriable error,
 *   exhausted retries, a value that is not JSON or fails its schema go to `message.dead-lettered.v1` with the
 *   code and the original bytes (cut past DEAD_LETTER_MAX_ORIGINAL_BYTES, with the whole's length and sha256, so
 *   a dead letter always fits), and the consumer moves on.
 * - readToEnd: every message on the topic up to its end at the time of the call, in partition order, each
 *   parsed; for rebuilding state from a compacted topic.
 * - close: closes subscriptions gracefully, then the connections.
 */
/** A message its handler has failed on and that is waiting to be tried again (its partition waits with it). */
export interface WaitingMessage {
  groupId: string;
  topic: string;
  partition: number;
  offset: string;
  /** Attempts so far. */
  attempts: number;
  /** The last failure's code. */
  code: string;
  /** When the first attempt failed. */
  since: Date;
}

export interface Bus {
  publish<N extends TopicName>(topic: N, values: readonly MessageOf<N>[]): Promise<void>;
  /** The messages this process's subscriptions are retrying now, oldest first: a stuck consumer shows here. */
  waiting(): readonly WaitingMessage[];
  subscribe<N extends TopicName>(options: SubscribeOptions<N>): Promise<Subscription>;
  readToEnd<N extends TopicName>(topic: N): AsyncIterable<ReadResult<N>>;
  close(): Promise<void>;
}
