import { createKafkaClient, kafkaGroupId } from '@abep/bus-kafka';
import { loadGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import {
  createMetrics,
  kafkaLagSource,
  type LagSampler,
  startLagSampler,
  startOpsServer,
} from '@abep/observability';
import { crawlStarter, createScheduler } from '@abep/scheduler';
import { AbepError, topics } from '@abep/schemas';
import { buildStatus, writeStatus } from '../crawl-status.ts';
import { recordCrawlerMetrics } from '../crawler-metrics.ts';
import { openInfra } from '../infra.ts';
import { createRuntime, type RuntimeOptions, type ServiceName } from '../runtime.ts';
import type { Settings } from '../settings.ts';
import { stuckMessages } from '../stuck-messages.ts';

export const SERVABLE = ['crawler', 'extractor', 'normaliser', 'publisher', 'scheduler'] as const;
export type Servable = (typeof SERVABLE)[number];

/** Topics and consumer group of each service, for the consumer-lag gauge. */
function consumed(service: Servable, settings: Settings): { groupId: string; topics: string[] } | undefined {
  switch (service) {
    case 'crawler':
      return { groupId: settings.crawler.groupId ?? 'crawler', topics: [topics.crawlRequested.name] };
    case 'extractor':
      return { groupId: settings.extractor.groupId, topics: [topics.pageFetched.name] };
    case 'normaliser':
      return { groupId: settings.normaliser.groupId, topics: [topics.observationExtracted.name] };
    case 'publisher':
      return { groupId: settings.publisher.groupId, topics: [topics.crawlNormalised.name] };
    default:
      return undefined;
  }
}

/**
 * `abep serve <service>`: one long-running service with /metrics, /healthz and /readyz. SIGTERM or SIGINT
 * drains in-flight work, commits offsets and closes connections before the process exits.
 */
export async function serve(
  service: Servable,
  settings: Settings,
  logger: Logger,
  signal: AbortSignal,
  extras: { network?: RuntimeOptions['network'] } = {},
): Promise<void> {
  const infra = await openInfra(settings.infra, logger);
  const gazetteer = loadGazetteer(settings.run.referenceDataDir);
  const services: ServiceName[] = service === 'scheduler' ? ['tracker'] : [service];
  const runtime = createRuntime({
    infra,
    settings,
    logger,
    gazetteer,
    services,
    publishOnCrawl: true,
    ...(extras.network ? { network: extras.network } : {}),
  });
  const metrics = createMetrics({ service });
  let ready = false;
  const ops = await startOpsServer({
    port: settings.run.metricsPort,
    host: settings.run.metricsHost,
    metrics,
    logger,
    readiness: {
      started: async () => {
        if (!ready) throw new Error('starting');
      },
      store: async () => {
        await infra.store.head('status/latest-crawl.json');
      },
      consumers: async () => {
        const stuck = stuckMessages(infra.bus.waiting(), new Date());
        if (stuck) throw new Error(stuck);
      },
    },
  });
  let lag: LagSampler | undefined;
  const group = consumed(service, settings);
  const brokers = settings.infra.kafka.brokers;
  let admin: ReturnType<ReturnType<typeof createKafkaClient>['admin']> | undefined;
  if (group && brokers?.length) {
    admin = createKafkaClient({ brokers, clientId: `${settings.infra.kafka.clientId}-lag`, logger }).admin();
    await admin.connect();
    const prefix = settings.infra.kafka.topicPrefix;
    lag = startLagSampler({
      // One service consumes one topic, so one Kafka group (the bus names it from the group and topic).
      source: kafkaLagSource({
        admin,
        groupId: kafkaGroupId(group.groupId, prefix + (group.topics[0] as string)),
        topics: group.topics.map((t) => prefix + t),
      }),
      metrics,
      logger,
    });
  }
  const timers: NodeJS.Timeout[] = [setInterval(() => metrics.messagesWaiting(infra.bus.waiting()), 5000)];
  let scheduler: ReturnType<typeof createScheduler> | undefined;
  // Before start, so no settlement goes uncounted.
  const crawlerMetrics = runtime.crawler ? recordCrawlerMetrics(runtime.crawler, metrics) : undefined;
  await runtime.start();
  if (service === 'scheduler' && runtime.tracker) {
    const tracker = runtime.tracker;
    scheduler = createScheduler({
      schedules: settings.schedules,
      tracker,
      logger,
      startCrawl: crawlStarter({ bus: infra.bus, gazetteer }),
    });
    logger.info({ schedules: scheduler.next() }, 'scheduler running');
    timers.push(
      setInterval(() => {
        for (const p of tracker.crawls()) {
          if (!p.started || p.finished) continue;
          void writeStatus(infra.store, buildStatus(p, undefined, [], new Date())).catch(() => undefined);
        }
      }, 5000),
    );
  }
  ready = true;
  logger.info({ service, infra: infra.describe, ops: ops.url }, 'service running');
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  logger.info({ service }, 'draining');
  ready = false;
  for (const t of timers) clearInterval(t);
  crawlerMetrics?.stop();
  scheduler?.close();
  await lag?.stop();
  await runtime.close();
  await infra.close();
  await admin?.disconnect();
  await ops.close();
  logger.info({ service }, 'stopped');
}

export function parseServable(name: string): Servable {
  if ((SERVABLE as readonly string[]).includes(name)) return name as Servable;
  throw new AbepError(
    'CONFIG_INVALID',
    `serve ${name}: unknown service; choose one of ${SERVABLE.join(', ')}`,
  );
}
