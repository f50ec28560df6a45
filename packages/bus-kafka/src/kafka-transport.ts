import {
  DEFAULT_MAX_MESSAGE_BYTES,
  type RawConsumeOptions,
  type RawMessage,
  type RawOutgoing,
  type Transport,
} from '@abep/bus';
import { type Logger, silentLogger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { chunkBySize } from './chunk-by-size.ts';
import { type ConsumerTuning, DEFAULT_CONSUMER_TUNING } from './consumer-tuning.ts';
import { type EnsureTopicsOptions, type EnsureTopicsResult, ensureTopics } from './ensure-topics.ts';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import { startKafkaConsumer } from './kafka-consumer.ts';
import { busUnavailable, produceFailure } from './kafka-errors.ts';
import { startWindowedKafkaConsumer } from './kafka-windowed-consumer.ts';
import { readTopicToEnd } from './read-to-end.ts';

export interface KafkaTransportOptions extends KafkaClientOptions {
  /** Physical topic name = topicPrefix + catalogue name; lets environments (or tests) share a broker. */
  topicPrefix?: string;
  consumer?: Partial<ConsumerTuning>;
  /** Upper bound on one produce request. Default 512 KiB, half the broker's default message.max.bytes. */
  maxRequestBytes?: number;
  /**
   * Largest single message createBus will send (key + value); keep it under the broker's message.max.bytes
   * (and the topics' max.message.bytes). Default DEFAULT_MAX_MESSAGE_BYTES (1,000,000).
   */
  maxMessageBytes?: number;
}

/**
 * The Kafka transport under createBus. Producer: idempotent, acks from all in-sync replicas, keyed with
 * kafkajs's default (Java-compatible murmur2) partitioner, so one key keeps one partition and its order.
 * Consumers: one kafkajs consumer per consume() call; see startKafkaConsumer (ordered) and
 * startWindowedKafkaConsumer (maxInFlight > 1) for the commit rules.
 * Any failure to reach the broker ends in AbepError BUS_UNAVAILABLE after bounded retries; records the broker
 * refuses (too large, invalid) end in MESSAGE_TOO_LARGE / SCHEMA_INVALID, not retriable.
 */
export class KafkaTransport implements Transport {
  readonly describe: string;
  readonly maxMessageBytes: number;
  readonly topicPrefix: string;
  private readonly kafka: Kafka;
  private readonly options: KafkaTransportOptions;
  private readonly logger: Logger;
  private readonly tuning: ConsumerTuning;
  private readonly consumers = new Set<{ close(): Promise<void> }>();
  private producer: Promise<Producer> | undefined;
  private adminClient: Promise<Admin> | undefined;
  private closed = false;

  constructor(options: KafkaTransportOptions) {
    this.options = options;
    this.topicPrefix = options.topicPrefix ?? '';
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.describe = `kafka ${options.brokers.join(',')}`;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'kafka-transport' });
    this.tuning = { ...DEFAULT_CONSUMER_TUNING, ...options.consumer };
    this.kafka = createKafkaClient({ ...options, logger: this.logger });
  }

  private assertOpen(what: string): void {
    if (this.closed) throw new AbepError('BUS_UNAVAILABLE', `${this.describe}: ${what} after close()`);
  }

  private physical(topic: string): string {
    return this.topicPrefix + topic;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        retry: {
          retries: this.options.retries ?? 5,
          initialRetryTime: this.options.initialRetryTimeMs ?? 300,
        },
      });
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = undefined;
      throw busUnavailable('connecting the producer', this.options.brokers, error);
    });
    return this.producer;
  }

  /** The transport's admin client, connected on first use. */
  admin(): Promise<Admin> {
    this.adminClient ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: this.options.retries ?? 5 } });
      await admin.connect();
      return admin;
    })().catch((error: unknown) => {
      this.adminClient = undefined;
      throw busUnavailable('connecting the admin client', this.options.brokers, error);
    });
    return this.adminClient;
  }

  /** Creates this transport's catalogue topics (under its prefix) that do not exist yet. */
  async ensureTopics(options: Omit<EnsureTopicsOptions, 'topicPrefix'> = {}): Promise<EnsureTopicsResult> {
    const admin = await this.admin();
    try {
      return await ensureTopics(admin, { ...options, topicPrefix: this.topicPrefix });
    } catch (error) {
      throw busUnavailable('creating topics', this.options.brokers, error);
    }
  }

  async send(topic: string, messages: readonly RawOutgoing[]): Promise<void> {
    if (messages.length === 0) return;
    this.assertOpen(`publishing to ${topic}`);
    const producer = await this.connectedProducer();
    try {
      for (const chunk of chunkBySize(messages, this.options.maxRequestBytes ?? 512 * 1024)) {
        await producer.send({
          topic: this.physical(topic),
          acks: -1,
          messages: chunk.map((m) => ({
            key: m.key,
            value: m.value,
            ...(m.headers ? { headers: m.headers } : {}),
          })),
        });
      }
    } catch (error) {
      throw produceFailure(`publishing to ${topic}`, this.options.brokers, error);
    }
  }

  async consume(options: RawConsumeOptions): Promise<{ close(): Promise<void> }> {
    this.assertOpen(`subscribing to ${options.topic}`);
    const start = (options.maxInFlight ?? 1) > 1 ? startWindowedKafkaConsumer : startKafkaConsumer;
    const consumer = await start(
      {
        kafka: this.kafka,
        brokers: this.options.brokers,
        physicalTopic: this.physical(options.topic),
        tuning: this.tuning,
        logger: this.logger,
      },
      options,
    );
    this.consumers.add(consumer);
    return {
      close: async () => {
        await consumer.close();
        this.consumers.delete(consumer);
      },
    };
  }

  readToEnd(topic: string): AsyncIterable<RawMessage> {
    return readTopicToEnd(
      {
        kafka: this.kafka,
        brokers: this.options.brokers,
        physicalTopic: this.physical(topic),
        tuning: this.tuning,
        logger: this.logger,
        admin: () => this.admin(),
      },
      topic,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.close()));
    this.consumers.clear();
    const producer = this.producer?.catch(() => undefined);
    const admin = this.adminClient?.catch(() => undefined);
    await Promise.all([(await producer)?.disconnect(), (await admin)?.disconnect()]);
  }
}
