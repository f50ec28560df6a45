import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { loadGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { buildPlan, newCrawlId, startCrawl } from '@abep/scheduler';
import { AbepError, type CrawlFinishedV1 } from '@abep/schemas';
import { openInfra } from '../infra.ts';
import type { Settings } from '../settings.ts';

export interface CrawlOptions {
  la?: string[];
  pipeline?: string[];
  urls?: string;
  deadlineMinutes?: number;
  wait?: boolean;
}

/** `abep crawl`: hands a crawl plan to the running services over Kafka; optionally waits for its end. */
export async function crawl(options: CrawlOptions, settings: Settings, logger: Logger, signal: AbortSignal) {
  if (!settings.infra.kafka.brokers?.length) {
    throw new AbepError(
      'CONFIG_INVALID',
      'ABEP_KAFKA_BROKERS: not set, so there are no running services to hand the crawl to; set it, or use `abep run` for a one-process crawl',
    );
  }
  const urls = options.urls
    ? await readFile(options.urls, 'utf8').catch(() => {
        throw new AbepError('CONFIG_INVALID', `--urls ${options.urls}: cannot read the file`);
      })
    : undefined;
  const plan = buildPlan(
    {
      ...(options.la ? { la: options.la } : {}),
      ...(options.pipeline ? { pipeline: options.pipeline } : {}),
      ...(urls ? { urls } : {}),
    },
    { gazetteer: loadGazetteer(settings.run.referenceDataDir) },
  );
  const infra = await openInfra(settings.infra, logger);
  try {
    const crawlId = newCrawlId(new Date());
    let finished: Promise<CrawlFinishedV1> | undefined;
    let sub: { close(): Promise<void> } | undefined;
    if (options.wait) {
      const { promise, resolve } = Promise.withResolvers<CrawlFinishedV1>();
      finished = promise;
      sub = await infra.bus.subscribe({
        topic: 'crawl.finished.v1',
        groupId: `abep-crawl-${randomUUID()}`,
        fromBeginning: true,
        handler: async (d) => {
          if (d.value.crawlId === crawlId) resolve(d.value);
        },
      });
    }
    const started = await startCrawl(infra.bus, plan, {
      crawlId,
      now: new Date(),
      deadlineMinutes: options.deadlineMinutes ?? settings.run.deadlineMinutes,
    });
    logger.info({ crawlId, seeds: started.seeds }, 'crawl requested');
    const aborted = new Promise<undefined>((resolve) =>
      signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    );
    const result = finished ? await Promise.race([finished, aborted]) : undefined;
    await sub?.close();
    return {
      crawlId,
      seeds: started.seeds,
      deadline: started.deadline,
      ...(result ? { finished: result } : {}),
    };
  } finally {
    await infra.close();
  }
}
