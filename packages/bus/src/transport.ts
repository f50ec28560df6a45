/** Under Kafka's default message.max.bytes (1 MiB + 12), leaving room for the record batch's own bytes. */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_000_000;

/** A message as it sits on a topic: bytes, before any parsing. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface RawOutgoing {
  key: string;
  value: Buffer;
  headers?: Record<string, string>;
}

export interface RawConsumeOptions {
  topic: string;
  groupId: string;
  fromBeginning: boolean;
  partitionConcurrency: number;
  /**
   * 1 (the default): one message at a time per partition, so per-key order holds. More: up to this many
   * messages of the subscription (across its partitions) are handled at once, in any order, and the
   * committed offset of a partition is its oldest message not yet settled.
   */
  maxInFlight?: number;
  /**
   * Called once per message. Resolve = settled (committable). Reject = not settled; the transport hands the
   * message over again after a pause, in place, unless the subscription is closing or lost the partition.
   * `signal` aborts when the subscription closes or the partition is handed to another consumer: work not
   * yet started should then reject, and is redelivered to the partition's next owner.
   */
  handle: (message: RawMessage, signal: AbortSignal) => Promise<void>;
}

/**
 * What an adapter (in-memory, Kafka) implements; createBus adds validation and the consume runner on top,
 * so every adapter shares one ack / retry / dead-letter policy.
 */
export interface Transport {
  /** Human-readable address for errors, e.g. "kafka 127.0.0.1:19092". */
  readonly describe: string;
  /**
   * Largest message (key + value + headers, bytes) the transport can carry; createBus refuses a bigger one with
   * MESSAGE_TOO_LARGE (not retriable) before sending. Default DEFAULT_MAX_MESSAGE_BYTES.
   */
  readonly maxMessageBytes?: number;
  send(topic: string, messages: readonly RawOutgoing[]): Promise<void>;
  consume(options: RawConsumeOptions): Promise<{ close(): Promise<void> }>;
  readToEnd(topic: string): AsyncIterable<RawMessage>;
  close(): Promise<void>;
}
