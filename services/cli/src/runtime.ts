import type { LookupAddress } from 'node:dns';
import { type Crawler, createCrawler } from '@abep/crawler';
import { createExaminePool, createExtractor, type ExaminePool, type Extractor } from '@abep/extractor';
import { createFetcher, type Fetcher } from '@abep/fetcher';
import { type Gazetteer, loadSchoolGazetteer, placesOf, type SchoolGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { createNormaliser, defaultCorrectionsPath, loadCorrections, type Normaliser } from '@abep/normaliser';
import { pipelines } from '@abep/pipelines';
import { createPublisher, type Publisher } from '@abep/publisher';
import { type CrawlTracker, createCrawlTracker } from '@abep/scheduler';
import type { Infra } from './infra.ts';
import type { Settings } from './settings.ts';

export type ServiceName = 'crawler' | 'extractor' | 'normaliser' | 'publisher' | 'tracker';
export const ALL_SERVICES: readonly ServiceName[] = [
  'tracker',
  'crawler',
  'extractor',
  'normaliser',
  'publisher',
];

export interface RuntimeOptions {
  infra: Infra;
  settings: Settings;
  logger: Logger;
  gazetteer: Gazetteer;
  services: readonly ServiceName[];
  /** Fixture web / tests: resolve names locally and allow these private ranges. */
  network?: { lookup: (hostname: string) => Promise<LookupAddress[]>; allowPrivateNetworks: string[] };
  /** The publisher subscribes to crawl.normalised itself (serve); `run` publishes explicitly instead. */
  publishOnCrawl?: boolean;
  /** The one clock every service reads; default ABEP_FIXED_CLOCK's (settings.run.fixedClock), else the system's. */
  now?: () => Date;
}

export interface Runtime {
  fetcher?: Fetcher;
  crawler?: Crawler;
  extractor?: Extractor;
  /** The extractor's worker threads (pages read under a wall-clock budget). */
  examinePool?: ExaminePool;
  normaliser?: Normaliser;
  publisher?: Publisher;
  tracker?: CrawlTracker;
  start(): Promise<void>;
  /** Drains in-flight work (handlers finish, WARC files are stored, offsets committed), then closes. */
  close(): Promise<void>;
}

/** One composition of the services in this process, over whichever bus and store `infra` chose. */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { infra, settings, logger, gazetteer } = options;
  const fixedClock = settings.run.fixedClock;
  const now = options.now ?? (fixedClock ? () => new Date(fixedClock) : undefined);
  const wants = new Set(options.services);
  const { bus, store } = infra;
  const runtime: Runtime = { start, close };
  // Read first: a bad corrections file is a configuration error before any service (or worker) exists.
  const corrections = wants.has('normaliser')
    ? loadCorrections(
        settings.normaliser.correctionsPath ?? defaultCorrectionsPath(),
        undefined,
        (la) => gazetteer.resolveLa(la) !== undefined,
      )
    : [];

  if (wants.has('crawler')) {
    runtime.fetcher = createFetcher(
      {
        ...settings.fetch,
        ...(options.network ? { allowPrivateNetworks: options.network.allowPrivateNetworks } : {}),
      },
      {
        logger,
        ...(options.network ? { lookup: options.network.lookup } : {}),
        ...(now ? { now } : {}),
      },
    );
    const scopes = new Map(pipelines.map((p) => [p.name, p.scope]));
    runtime.crawler = createCrawler({
      bus,
      store,
      fetcher: runtime.fetcher,
      logger,
      config: settings.crawler,
      pipelines: { scopeFor: (name) => scopes.get(name) },
      ...(now ? { now } : {}),
    });
  }
  if (wants.has('extractor')) {
    runtime.examinePool = createExaminePool({
      size: settings.extractor.workers,
      budgetMs: settings.extractor.pageBudgetMs,
      places: { ...(settings.run.referenceDataDir ? { dataDir: settings.run.referenceDataDir } : {}) },
      logger,
    });
    runtime.extractor = createExtractor({
      bus,
      store,
      logger,
      config: settings.extractor,
      pipelines,
      places: placesOf(gazetteer),
      pool: runtime.examinePool,
      ...(now ? { now } : {}),
    });
  }
  // The school lists (../shared/data), read once for the normaliser and publisher; without them the register
  // still publishes, with no member resolution and no school counts.
  let schools: SchoolGazetteer | undefined;
  let schoolsTried = false;
  const schoolLists = () => {
    if (!schoolsTried) {
      schoolsTried = true;
      try {
        schools = loadSchoolGazetteer(settings.run.referenceDataDir);
      } catch (err) {
        logger.warn(
          { code: (err as { code?: string }).code },
          `${(err as Error).message}; member schools not resolved`,
        );
      }
    }
    return schools;
  };
  if (wants.has('normaliser')) {
    const normaliserSchools = schoolLists();
    runtime.normaliser = createNormaliser({
      ...(normaliserSchools ? { schools: normaliserSchools } : {}),
      bus,
      store,
      logger,
      config: settings.normaliser,
      gazetteer,
      corrections,
      ...(now ? { now } : {}),
    });
  }
  if (wants.has('publisher')) {
    runtime.publisher = createPublisher({
      bus,
      store,
      logger,
      config: settings.publisher,
      gazetteer,
      schools: schoolLists,
      ...(now ? { now } : {}),
    });
  }
  if (wants.has('tracker')) {
    runtime.tracker = createCrawlTracker({
      bus,
      logger,
      ...(now ? { now: () => now().getTime() } : {}),
    });
  }

  async function start() {
    // Downstream first, so nothing published by an upstream service waits on a consumer that is not there.
    await runtime.normaliser?.start();
    if (options.publishOnCrawl) await runtime.publisher?.start();
    await runtime.extractor?.start();
    await runtime.crawler?.start();
    await runtime.tracker?.start();
  }

  async function close() {
    await runtime.tracker?.close();
    await runtime.crawler?.close();
    await runtime.fetcher?.close();
    // Workers first: a page in flight is given back (redelivered), not waited out to its budget.
    await runtime.examinePool?.close();
    await runtime.extractor?.close();
    await runtime.normaliser?.close();
    await runtime.publisher?.close();
  }

  return runtime;
}
