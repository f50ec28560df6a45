export { DEFAULT_RETRY } from './backoff.ts';
export type {
  Bus,
  Delivery,
  Handler,
  ReadResult,
  RetryPolicy,
  SubscribeOptions,
  Subscription,
  WaitingMessage,
} from './bus.ts';
export { createMessageProcessor, type KeepOriginal, parseRaw } from './consume-runner.ts';
export { type CreateBusOptions, createBus } from './create-bus.ts';
export { DEAD_LETTER_LIMITS, deadLetterOf } from './dead-letter.ts';
export { MemoryTransport, partitionFor } from './memory-transport.ts';
export { PartitionWindow, Slots } from './partition-window.ts';
export {
  DEFAULT_MAX_MESSAGE_BYTES,
  type RawConsumeOptions,
  type RawMessage,
  type RawOutgoing,
  type Transport,
} from './transport.ts';

import type { Bus } from './bus.ts';
import { type CreateBusOptions, createBus } from './create-bus.ts';
import { MemoryTransport } from './memory-transport.ts';

/** The embedded default: an in-process bus with the same runner and validation as the Kafka one. */
export function createMemoryBus(options: CreateBusOptions = {}): Bus {
  return createBus(new MemoryTransport(), options);
}
