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
   * Called once per message, one at a time per partition. Resolve = commit the offset. Reject = do not
   * commit; the transport redelivers the message later (after a pause) to this group.
   */
  handle: (message: RawMessage) => Promise<void>;
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
