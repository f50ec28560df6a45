// Produce-and-consume throughput against the real broker: raw kafkajs, then the same through createKafkaBus
// (schema validation + consume runner). Prints figures; asserts nothing.
//   node bench/produce-consume.bench.ts [messages=20000]      (ABEP_KAFKA_BROKERS, default 127.0.0.1:19092)
import { randomUUID } from 'node:crypto';
import { hostKey, type PageFetchedV1, topics } from '@abep/schemas';
import { Partitioners } from 'kafkajs';
import { chunkBySize } from '../src/chunk-by-size.ts';
import { createKafkaBus } from '../src/create-kafka-bus.ts';
import { ensureTopics } from '../src/ensure-topics.ts';
import { createKafkaClient } from '../src/kafka-client.ts';

export interface RateResult {
  messages: number;
  bytes: number;
  produceMs: number;
  /** From the consumer's run() (so including the group join) to the last message handled. */
  consumeMs: number;
  producePerSec: number;
  consumePerSec: number;
}

export interface RawRateOptions {
  brokers: readonly string[];
  /** Physical topic name; must exist and be empty. */
  topic: string;
  messages: readonly { key: string; value: Buffer }[];
  /** Partitions handled at once by the consumer. Default 1. */
  partitionConcurrency?: number;
  /** Messages per send() call, as a service would publish them. Default 500. */
  batchSize?: number;
}

const perSec = (n: number, ms: number) => Math.round((n * 1000) / Math.max(ms, 1));

function result(messages: readonly { value: Buffer }[], produceMs: number, consumeMs: number): RateResult {
  return {
    messages: messages.length,
    bytes: messages.reduce((n, m) => n + m.value.length, 0),
    produceMs: Math.round(produceMs),
    consumeMs: Math.round(consumeMs),
    producePerSec: perSec(messages.length, produceMs),
    consumePerSec: perSec(messages.length, consumeMs),
  };
}

/** Raw kafkajs rate: the transport's producer settings (idempotent, acks=-1), a fresh group from the beginning. */
export async function measureRawKafka(options: RawRateOptions): Promise<RateResult> {
  const kafka = createKafkaClient({ brokers: options.brokers, clientId: 'abep-bench' });
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const t0 = performance.now();
  const batchSize = options.batchSize ?? 500;
  for (let i = 0; i < options.messages.length; i += batchSize) {
    for (const chunk of chunkBySize(options.messages.slice(i, i + batchSize), 512 * 1024)) {
      await producer.send({
        topic: options.topic,
        acks: -1,
        messages: chunk.map((m) => ({ key: m.key, value: m.value })),
      });
    }
  }
  const produceMs = performance.now() - t0;
  await producer.disconnect();

  const consumer = kafka.consumer({ groupId: `bench-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
  const all = Promise.withResolvers<void>();
  let seen = 0;
  const t1 = performance.now();
  await consumer.run({
    partitionsConsumedConcurrently: options.partitionConcurrency ?? 1,
    eachMessage: async ({ message }) => {
      JSON.parse(message.value?.toString('utf8') ?? 'null');
      if (++seen === options.messages.length) all.resolve();
    },
  });
  await all.promise;
  const consumeMs = performance.now() - t1;
  await consumer.disconnect();
  return result(options.messages, produceMs, consumeMs);
}

/** The same through createKafkaBus: publish validates and keys each value; subscribe runs the consume runner. */
export async function measureKafkaBus(options: {
  brokers: readonly string[];
  topicPrefix: string;
  values: readonly PageFetchedV1[];
  partitionConcurrency?: number;
  batchSize?: number;
}): Promise<RateResult> {
  const bus = createKafkaBus({
    brokers: options.brokers,
    clientId: 'abep-bench',
    topicPrefix: options.topicPrefix,
    consumer: { maxWaitTimeMs: 100 },
  });
  const t0 = performance.now();
  const batchSize = options.batchSize ?? 500;
  for (let i = 0; i < options.values.length; i += batchSize) {
    await bus.publish('page.fetched.v1', options.values.slice(i, i + batchSize));
  }
  const produceMs = performance.now() - t0;
  const all = Promise.withResolvers<void>();
  let seen = 0;
  const t1 = performance.now();
  await bus.subscribe({
    topic: 'page.fetched.v1',
    groupId: `bench-${randomUUID()}`,
    partitionConcurrency: options.partitionConcurrency ?? 1,
    handler: async () => {
      if (++seen === options.values.length) all.resolve();
    },
  });
  await all.promise;
  const consumeMs = performance.now() - t1;
  await bus.close();
  const encoded = options.values.map((v) => ({ value: Buffer.from(JSON.stringify(v)) }));
  return result(encoded, produceMs, consumeMs);
}

/** page.fetched-shaped messages (about 600 bytes of JSON each) over 50 hosts. */
export function pageFetchedMessages(count: number): PageFetchedV1[] {
  return Array.from({ length: count }, (_, i) => {
    const host = `www.la${i % 50}.gov.uk`;
    const url = `https://${host}/schools/admissions/page-${i}`;
    return {
      crawlId: 'c-20261124-0100',
      pipeline: 'la-websites',
      url,
      finalUrl: url,
      depth: 2,
      status: 200,
      contentType: 'text/html',
      charset: 'utf-8',
      fetchedAt: '2026-11-24T01:00:03.120Z',
      unchanged: false,
      warc: {
        key: `warc/c-20261124-0100/crawler-1-${String(i % 100).padStart(5, '0')}.warc.gz`,
        offset: i * 9000,
        length: 9211,
      },
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      bytes: 48213,
      laCode: String(300 + (i % 50)),
      sourceUrl: `https://${host}/`,
    };
  });
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 20_000);
  const brokers = (process.env.ABEP_KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const values = pageFetchedMessages(count);
  const raw = values.map((v) => ({ key: hostKey(v.url), value: Buffer.from(JSON.stringify(v)) }));
  const run = randomUUID().slice(0, 8);
  const rawPrefix = `bench-raw-${run}.`;
  const busPrefix = `bench-bus-${run}.`;
  const only = [topics.pageFetched, topics.deadLettered];
  await ensureTopics({ brokers }, { topicPrefix: rawPrefix, topics: only });
  await ensureTopics({ brokers }, { topicPrefix: busPrefix, topics: only });
  try {
    const a = await measureRawKafka({ brokers, topic: rawPrefix + topics.pageFetched.name, messages: raw });
    const b = await measureKafkaBus({ brokers, topicPrefix: busPrefix, values });
    const avg = Math.round(a.bytes / a.messages);
    console.log(
      `${count} page.fetched messages (~${avg} B JSON each, ${topics.pageFetched.partitions} partitions), broker ${brokers.join(',')}`,
    );
    console.log(
      `raw kafkajs     produce ${a.producePerSec} msg/s (${a.produceMs} ms)   consume ${a.consumePerSec} msg/s (${a.consumeMs} ms)`,
    );
    console.log(
      `createKafkaBus  produce ${b.producePerSec} msg/s (${b.produceMs} ms)   consume ${b.consumePerSec} msg/s (${b.consumeMs} ms)`,
    );
    console.log(
      `bus / raw       produce ${(b.producePerSec / a.producePerSec).toFixed(2)}   consume ${(b.consumePerSec / a.consumePerSec).toFixed(2)}`,
    );
  } finally {
    const admin = createKafkaClient({ brokers }).admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: [rawPrefix, busPrefix].flatMap((p) => only.map((t) => p + t.name)) })
      .catch(() => {});
    await admin.disconnect();
  }
}

if (import.meta.main) await main();
