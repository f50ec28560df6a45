import type { ErrorCode } from '@abep/schemas';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { createLabelCap, OVERFLOW_LABEL } from './label-cap.ts';

/** How the consume runner settled a message. */
export type MessageOutcome = 'ok' | 'retried' | 'dead_lettered';
/** How a crawl request ended: a new or changed page, an unchanged page (304 / same digest), or a failure. */
export type FetchOutcome = 'ok' | 'unchanged' | 'failed';

export interface LagSample {
  topic: string;
  partition: number;
  group: string;
  /** Messages between the group's committed offset and the partition's high watermark. */
  lag: number;
}

export interface MetricsOptions {
  /** Becomes the `service` label on every series (crawler, extractor, …). */
  service: string;
  /** Distinct hosts with their own label on host-labelled series; later hosts are labelled "other". */
  maxHosts?: number;
  /** Collect prom-client's process and Node runtime metrics (default true). */
  defaultMetrics?: boolean;
}

export interface Metrics {
  readonly registry: Registry;
  /** Content-Type of {@link Metrics.scrape}'s output. */
  readonly contentType: string;
  scrape(): Promise<string>;
  messageHandled(topic: string, outcome: MessageOutcome): void;
  handlerDuration(topic: string, seconds: number): void;
  pageFetched(host: string, outcome: FetchOutcome): void;
  fetchFailed(code: ErrorCode): void;
  fetchDuration(seconds: number): void;
  /** Replaces every consumer-lag series, so partitions this process no longer owns stop being reported. */
  consumerLag(samples: readonly LagSample[]): void;
  /** Pending requests queued for a host; hosts past the cap are summed into "other". */
  hostQueueDepth(host: string, depth: number): void;
  recordsPublished(count?: number): void;
  snapshotVersionPublished(): void;
  /** Replaces the waiting-message series: how many messages wait to be tried again per topic, and the oldest's wait. */
  messagesWaiting(waiting: readonly { topic: string; since: Date }[], now?: Date): void;
}

const FETCH_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];
const HANDLER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A fresh registry per call (never prom-client's global one) holding every abep_* metric. */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const maxHosts = options.maxHosts ?? 500;
  const registers = [registry];

  const messages = new Counter({
    name: 'abep_messages_handled_total',
    help: 'Messages settled by the consume runner, by topic and outcome (ok, retried, dead_lettered).',
    labelNames: ['topic', 'outcome'] as const,
    registers,
  });
  const handlerSeconds = new Histogram({
    name: 'abep_handler_duration_seconds',
    help: 'Time a message handler took, in seconds.',
    labelNames: ['topic'] as const,
    buckets: HANDLER_BUCKETS,
    registers,
  });
  const pages = new Counter({
    name: 'abep_pages_fetched_total',
    help: `Crawl requests settled, by host (first ${maxHosts} hosts, then "${OVERFLOW_LABEL}") and outcome.`,
    labelNames: ['host', 'outcome'] as const,
    registers,
  });
  const failures = new Counter({
    name: 'abep_fetch_failures_total',
    help: 'Failed fetches by error code.',
    labelNames: ['code'] as const,
    registers,
  });
  const fetchSeconds = new Histogram({
    name: 'abep_fetch_duration_seconds',
    help: 'Time from request to last body byte, in seconds.',
    buckets: FETCH_BUCKETS,
    registers,
  });
  const lag = new Gauge({
    name: 'abep_consumer_lag',
    help: "Messages between the consumer group's committed offset and the partition high watermark.",
    labelNames: ['topic', 'partition', 'group'] as const,
    registers,
  });
  const queueDepth = new Gauge({
    name: 'abep_host_queue_depth',
    help: `Requests waiting in a host's politeness queue (first ${maxHosts} hosts, then "${OVERFLOW_LABEL}").`,
    labelNames: ['host'] as const,
    registers,
  });
  const records = new Counter({
    name: 'abep_records_published_total',
    help: 'Register records written into published snapshots.',
    registers,
  });
  const snapshots = new Counter({
    name: 'abep_snapshot_versions_total',
    help: 'Register snapshot versions published.',
    registers,
  });

  const waitingCount = new Gauge({
    name: 'abep_messages_waiting',
    help: 'Messages a handler failed on that wait to be tried again, by topic: above 0 for long, a consumer is stuck.',
    labelNames: ['topic'] as const,
    registers,
  });
  const waitingSeconds = new Gauge({
    name: 'abep_message_wait_seconds',
    help: 'How long the oldest waiting message on the topic has waited to be handled, in seconds.',
    labelNames: ['topic'] as const,
    registers,
  });

  const pageHost = createLabelCap(maxHosts);
  const queueHost = createLabelCap(maxHosts);
  const overflowDepths = new Map<string, number>();

  return {
    registry,
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    messageHandled: (topic, outcome) => messages.inc({ topic, outcome }),
    handlerDuration: (topic, seconds) => handlerSeconds.observe({ topic }, seconds),
    pageFetched: (host, outcome) => pages.inc({ host: pageHost(host), outcome }),
    fetchFailed: (code) => failures.inc({ code }),
    fetchDuration: (seconds) => fetchSeconds.observe(seconds),
    consumerLag(samples) {
      lag.reset();
      for (const s of samples)
        lag.set({ topic: s.topic, partition: String(s.partition), group: s.group }, s.lag);
    },
    hostQueueDepth(host, depth) {
      const label = queueHost(host);
      if (label !== OVERFLOW_LABEL) {
        queueDepth.set({ host: label }, depth);
        return;
      }
      const key = host.toLowerCase();
      if (depth > 0) overflowDepths.set(key, depth);
      else overflowDepths.delete(key);
      let total = 0;
      for (const d of overflowDepths.values()) total += d;
      queueDepth.set({ host: OVERFLOW_LABEL }, total);
    },
    recordsPublished: (count = 1) => records.inc(count),
    snapshotVersionPublished: () => snapshots.inc(),
    messagesWaiting(waiting, now = new Date()) {
      waitingCount.reset();
      waitingSeconds.reset();
      const byTopic = new Map<string, { count: number; oldest: number }>();
      for (const m of waiting) {
        const t = byTopic.get(m.topic) ?? { count: 0, oldest: now.getTime() };
        byTopic.set(m.topic, { count: t.count + 1, oldest: Math.min(t.oldest, m.since.getTime()) });
      }
      for (const [topic, t] of byTopic) {
        waitingCount.set({ topic }, t.count);
        waitingSeconds.set({ topic }, (now.getTime() - t.oldest) / 1000);
      }
    },
  };
}
