import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { crawlIdOfWarcs, replayWarc } from '@abep/crawler';
import { type Gazetteer, loadGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { pipelineTaking } from '@abep/pipelines';
import { layout } from '@abep/publisher';
import { newCrawlId } from '@abep/scheduler';
import { AbepError, type CrawlFailedV1, type CrawlNormalisedV1, type PageFetchedV1 } from '@abep/schemas';
import { registrableDomain } from '@abep/urls';
import { type Infra, openInfra } from '../infra.ts';
import { createRuntime } from '../runtime.ts';
import type { Settings } from '../settings.ts';

export interface ReplayCommandOptions {
  storeDir?: string;
  crawlId?: string;
  pipeline?: string;
}

export interface ReplayRun {
  infra: Infra;
  settings: Settings;
  logger: Logger;
  gazetteer?: Gazetteer;
  crawlId: string;
  /** Every page through this pipeline; default: by host (council sites by the LA list's domains, others as partnership sites). */
  pipeline?: string;
  /** Fixes every clock the replay reads (crawl times, normalised and published times), for reproducible runs. */
  now?: () => Date;
}

/**
 * Every HTML response in the WARC files goes through extraction, normalisation and publishing over `infra`
 * (which the caller opens and closes, so it can read the bus and store afterwards), without touching the network.
 */
export async function replayInto(files: string[], run: ReplayRun) {
  const { infra, settings, logger, crawlId } = run;
  const gazetteer = run.gazetteer ?? loadGazetteer(settings.run.referenceDataDir);
  const clock = run.now ?? (() => new Date());
  const councils = new Map<string, string>();
  for (const la of gazetteer.localAuthorities) {
    if (!la.website) continue;
    try {
      councils.set(registrableDomain(la.website) ?? '', la.laCode);
    } catch {}
  }
  const runtime = createRuntime({
    infra,
    settings,
    logger,
    gazetteer,
    services: ['extractor', 'normaliser', 'publisher'],
    ...(run.now ? { now: run.now } : {}),
  });
  try {
    const { promise, resolve } = Promise.withResolvers<CrawlNormalisedV1>();
    const sub = await infra.bus.subscribe({
      topic: 'crawl.normalised.v1',
      groupId: `abep-replay-${randomUUID()}`,
      handler: async (d) => {
        if (d.value.crawlId === crawlId) resolve(d.value);
      },
    });
    await runtime.start();
    const startedAt = clock().toISOString();
    let pages = 0;
    // Captures the crawler wrote say what they were fetched for; others are guessed by host: a council's
    // site was read for the pipeline seeded from LAs, any other for the one seeded from links to partnerships.
    const councilPipeline = pipelineTaking('local-authorities').name;
    const guess = (url: string) => {
      const laCode = councils.get(registrableDomain(url) ?? '');
      return laCode
        ? { pipeline: councilPipeline, laCode }
        : { pipeline: pipelineTaking('partnership-links').name };
    };
    const failures: CrawlFailedV1[] = [];
    for await (const message of replayWarc({
      store: infra.store,
      crawlId,
      pipeline: councilPipeline,
      guess,
      onFailure: (f) => failures.push(f),
      paths: files,
    })) {
      const page: PageFetchedV1 = run.pipeline ? { ...message, pipeline: run.pipeline } : message;
      await infra.bus.publish('page.fetched.v1', [page]);
      pages++;
    }
    // What the crawl could not read, so its LAs replay as unreachable, not as left out of the plan.
    if (failures.length) await infra.bus.publish('crawl.failed.v1', failures);
    const failedByCode: Record<string, number> = {};
    for (const f of failures) failedByCode[f.code] = (failedByCode[f.code] ?? 0) + 1;
    const requested = pages + failures.length;
    await infra.bus.publish('crawl.finished.v1', [
      {
        crawlId,
        startedAt,
        finishedAt: clock().toISOString(),
        outcome: pages === 0 && failures.length ? 'failed' : 'complete',
        counts: { requested, fetched: pages, unchanged: 0, failed: failures.length, failedByCode },
        coverage: requested ? pages / requested : 1,
      },
    ]);
    const normalised = await promise;
    await sub.close();
    const result = await (runtime.publisher as NonNullable<typeof runtime.publisher>).publishNow({
      reason: 'crawl',
      crawl: normalised,
    });
    return {
      crawlId,
      pages,
      partnerships: normalised.partnerships,
      snapshot: {
        status: result.status,
        version: result.version,
        manifestKey: layout(settings.publisher.prefix).manifest(result.version),
      },
      store: infra.describe,
    };
  } finally {
    await runtime.close();
  }
}

/**
 * `abep replay`: every HTML response in the WARC files goes through extraction, normalisation and publishing,
 * whatever its host — council sites (by the LA list's domains) through the pipeline seeded from LAs, others
 * through the one seeded from partnership links — without touching the network.
 */
export async function replay(
  files: string[],
  options: ReplayCommandOptions,
  settings: Settings,
  logger: Logger,
) {
  for (const file of files) {
    await access(file).catch(() => {
      throw new AbepError('CONFIG_INVALID', `replay: ${file} does not exist or cannot be read`);
    });
  }
  const infra = await openInfra(
    options.storeDir ? { ...settings.infra, storeDir: options.storeDir } : settings.infra,
    logger,
  );
  const fixedClock = settings.run.fixedClock;
  try {
    return await replayInto(files, {
      infra,
      settings,
      logger,
      // A crawl's own captures replay under its id, so the register records the same crawl.
      crawlId: options.crawlId ?? (await crawlIdOfWarcs(files)) ?? newCrawlId(new Date()),
      ...(options.pipeline ? { pipeline: options.pipeline } : {}),
      ...(fixedClock ? { now: () => new Date(fixedClock) } : {}),
    });
  } finally {
    await infra.close();
  }
}
