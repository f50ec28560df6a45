import { randomUUID } from 'node:crypto';
import { access } from 'node:fs/promises';
import { replayWarc } from '@abep/crawler';
import { registrableDomain } from '@abep/fetcher';
import { loadGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { layout } from '@abep/publisher';
import { AbepError, type CrawlNormalisedV1, type PageFetchedV1 } from '@abep/schemas';
import { openInfra } from '../infra.ts';
import { createRuntime } from '../runtime.ts';
import type { Settings } from '../settings.ts';
import { newCrawlId } from '../start-crawl.ts';

export interface ReplayCommandOptions {
  storeDir?: string;
  crawlId?: string;
  pipeline?: string;
}

/**
 * `abep replay`: every HTML response in the WARC files goes through extraction, normalisation and publishing,
 * whatever its host — council sites (by the LA list's domains) through la-websites, others through
 * partnership-sites — without touching the network.
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
  const gazetteer = loadGazetteer();
  const councils = new Map<string, string>();
  for (const la of gazetteer.localAuthorities) {
    if (!la.website) continue;
    try {
      councils.set(registrableDomain(la.website) ?? '', la.laCode);
    } catch {}
  }
  const infra = await openInfra(
    options.storeDir ? { ...settings.infra, storeDir: options.storeDir } : settings.infra,
    logger,
  );
  const runtime = createRuntime({
    infra,
    settings,
    logger,
    gazetteer,
    services: ['extractor', 'normaliser', 'publisher'],
  });
  const crawlId = options.crawlId ?? newCrawlId(new Date());
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
    const startedAt = new Date().toISOString();
    let pages = 0;
    for await (const message of replayWarc({
      store: infra.store,
      crawlId,
      pipeline: 'la-websites',
      paths: files,
    })) {
      const laCode = councils.get(registrableDomain(message.url) ?? '');
      const page: PageFetchedV1 = {
        ...message,
        pipeline: options.pipeline ?? (laCode ? 'la-websites' : 'partnership-sites'),
        ...(laCode ? { laCode } : {}),
      };
      await infra.bus.publish('page.fetched.v1', [page]);
      pages++;
    }
    await infra.bus.publish('crawl.finished.v1', [
      {
        crawlId,
        startedAt,
        finishedAt: new Date().toISOString(),
        outcome: 'complete',
        counts: { requested: pages, fetched: pages, unchanged: 0, failed: 0, failedByCode: {} },
        coverage: 1,
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
    await infra.close();
  }
}
