import type { Logger } from '@abep/logger';
import { silentLogger } from '@abep/logger';
import {
  AbepError,
  type DeadLetterV1,
  type MessageOf,
  schemaInvalid,
  type TopicName,
  type TopicSpec,
  topicSpec,
  topics,
} from '@abep/schemas';
import { DEFAULT_RETRY } from './backoff.ts';
import type { Bus, ReadResult, RetryPolicy, SubscribeOptions, Subscription, WaitingMessage } from './bus.ts';
import { createMessageProcessor, type KeepOriginal, parseRaw } from './consume-runner.ts';
import { DEFAULT_MAX_MESSAGE_BYTES, type RawOutgoing, type Transport } from './transport.ts';

export interface CreateBusOptions {
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /**
   * Keeps the whole original of a message too large for its dead letter (over DEAD_LETTER_MAX_ORIGINAL_BYTES) and
   * returns where (an object-store key), so nothing is lost; a retriable failure redelivers the message.
   */
  keepOriginal?: KeepOriginal;
}

function specOf(name: string): TopicSpec {
  const spec = topicSpec(name);
  if (!spec) throw new AbepError('UNKNOWN_TOPIC', `topic ${name} is not in the catalogue`);
  return spec;
}

/** Adds catalogue validation and the shared consume runner to a transport. */
export function createBus(transport: Transport, options: CreateBusOptions = {}): Bus {
  const logger = (options.logger ?? silentLogger()).child({ component: 'bus' });
  const subscriptions = new Set<Subscription>();
  const waiting = new Map<string, WaitingMessage>();
  const waitingPort = {
    set: (key: string, m: WaitingMessage) => waiting.set(key, m),
    clear: (key: string) => waiting.delete(key),
  };

  const maxBytes = transport.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;

  function encode(spec: TopicSpec, value: unknown, index = 0): RawOutgoing {
    const parsed = spec.schema.safeParse(value);
    if (!parsed.success) throw schemaInvalid(`message for ${spec.name}`, parsed.error);
    const message = { key: spec.keyOf(parsed.data), value: Buffer.from(JSON.stringify(parsed.data)) };
    const bytes = message.value.length + Buffer.byteLength(message.key);
    if (bytes > maxBytes) {
      throw new AbepError(
        'MESSAGE_TOO_LARGE',
        `message for ${spec.name} is ${bytes} bytes, over the bus limit of ${maxBytes}`,
        { retriable: false, details: { topic: spec.name, bytes, limit: maxBytes, index } },
      );
    }
    return message;
  }

  async function deadLetter(letter: DeadLetterV1): Promise<void> {
    const spec = topics.deadLettered;
    await transport.send(spec.name, [encode(spec, letter)]);
  }

  return {
    async publish<N extends TopicName>(topic: N, values: readonly MessageOf<N>[]): Promise<void> {
      const spec = specOf(topic);
      const encoded = values.map((value, index) => encode(spec, value, index));
      if (encoded.length > 0) await transport.send(topic, encoded);
    },

    async subscribe<N extends TopicName>(opts: SubscribeOptions<N>): Promise<Subscription> {
      const spec = specOf(opts.topic);
      const controller = new AbortController();
      const processor = createMessageProcessor<N>(spec, opts.handler, {
        groupId: opts.groupId,
        retry: { ...DEFAULT_RETRY, ...options.retry, ...opts.retry },
        logger: logger.child({ groupId: opts.groupId }),
        signal: controller.signal,
        deadLetter,
        waiting: waitingPort,
        ...(options.keepOriginal ? { keepOriginal: options.keepOriginal } : {}),
        ...(opts.alreadyDeadLettered ? { alreadyDeadLettered: opts.alreadyDeadLettered } : {}),
      });
      const consumer = await transport.consume({
        topic: opts.topic,
        groupId: opts.groupId,
        fromBeginning: opts.fromBeginning ?? true,
        partitionConcurrency: opts.partitionConcurrency ?? 1,
        maxInFlight: Math.max(1, opts.maxInFlight ?? 1),
        handle: processor,
      });
      let closing: Promise<void> | undefined;
      const subscription: Subscription = {
        close() {
          closing ??= (async () => {
            controller.abort();
            await consumer.close();
            subscriptions.delete(subscription);
          })();
          return closing;
        },
      };
      subscriptions.add(subscription);
      logger.info({ topic: opts.topic, groupId: opts.groupId }, 'subscribed');
      return subscription;
    },

    waiting() {
      return [...waiting.values()].sort((a, b) => a.since.getTime() - b.since.getTime());
    },

    async *readToEnd<N extends TopicName>(topic: N): AsyncIterable<ReadResult<N>> {
      const spec = specOf(topic);
      for await (const raw of transport.readToEnd(topic)) {
        const parsed = parseRaw<N>(spec, raw);
        yield parsed.ok
          ? parsed
          : { ok: false, error: parsed.error, partition: raw.partition, offset: raw.offset, key: raw.key };
      }
    },

    async close(): Promise<void> {
      await Promise.all([...subscriptions].map((s) => s.close()));
      await transport.close();
    },
  };
}
