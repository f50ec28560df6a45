import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bus } from '@abep/bus';
import { watchBroker } from '@abep/bus-kafka';
import { createFixtureWeb, type FixtureWeb } from '@abep/fixture-web';
import { loadGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { layout, type PublishResult } from '@abep/publisher';
import { buildPlan, newCrawlId, type PlanOptions, startCrawl } from '@abep/scheduler';
import { AbepError, type CrawlNormalisedV1 } from '@abep/schemas';
import { buildStatus, writeStatus } from '../crawl-status.ts';
import { loadEmbeddedRegister, saveEmbeddedRegister } from '../embedded-register.ts';
import { EXIT } from '../exit-codes.ts';
import { openInfra } from '../infra.ts';
import { createProgressView } from '../progress.ts';
import { ALL_SERVICES, createRuntime } from '../runtime.ts';
import type { Settings } from '../settings.ts';
import { watchStore } from '../watched-store.ts';

/** The port `--fixture-web` prefers, so its URLs (and the register built from them) stay the same between runs. */
const FIXTURE_PORT = 18480;

/** `--fixture-web` without `--store-dir`: a `fixture-store` directory beside the configured store directory. */
function fixtureStoreDir(storeDir: string): string {
  return join(dirname(resolve(storeDir)), 'fixture-store');
}

export interface RunOptions {
  la?: string[];
  pipeline?: string[];
  urls?: string;
  deadlineMinutes?: number;
  fixtureWeb?: boolean;
  fixtureCouncils?: number;
  storeDir?: string;
  crawlId?: string;
  json?: boolean;
  /** An already-started fixture web to crawl instead of starting one (tests: two runs on the same web). The caller closes it. */
  fixture?: FixtureWeb;
  /** How long the store may fail with no success before the run gives up (exit 3). Default: the setting. */
  storeOutageMs?: number;
}

/** After the store or the broker is lost, how long closing the services may take (their drain cannot reach the store). */
const CLOSE_AFTER_LOSS_MS = 10_000;

export interface RunSummary {
  crawlId: string;
  infra: string;
  /** complete (exit 0), partial or failed (exit 1, with `reason`). */
  outcome: CrawlNormalisedV1['crawl']['outcome'];
  /** Share of requested URLs that were read (fetched or unchanged). */
  coverage: number;
  reason?: string;
  pages: CrawlNormalisedV1['crawl']['counts'];
  partnerships: number;
  localAuthorities: number;
  /** This crawl per LA: examined, unreachable, not crawled (their profiles carry earlier data forward). */
  localAuthorityCoverage?: CrawlNormalisedV1['localAuthorityCoverage'];
  rejectedMentions: number;
  /** Dead letters written while this run ran (the topic's count at the end less its count at the start). */
  deadLetters: number;
  snapshot: {
    status: PublishResult['status'];
    version: string;
    manifestKey?: string;
    reason?: string;
    /** Where to read it: the directory store's files are content-addressed, so these commands open them. */
    readWith?: { serve: string; download: string; map?: string };
  };
}

/** How a user opens what a run published: the store is not a browsable folder, so say which commands read it. */
export function readWith(
  settings: Settings,
  storeDir: string | undefined,
  version: string,
): NonNullable<RunSummary['snapshot']['readWith']> {
  const s3 = settings.infra.s3;
  const paths = layout(settings.publisher.prefix);
  if (s3.bucket) {
    return {
      serve: 'abep serve web',
      download: 'abep snapshots download latest <dir>',
      ...(s3.endpoint
        ? {
            map: `${s3.endpoint.replace(/\/$/, '')}/${s3.bucket}/${s3.prefix ?? ''}${paths.file(version, 'map/index.html')} (after infra/s3.sh public-read)`,
          }
        : {}),
    };
  }
  const dir = resolve(storeDir ?? settings.infra.storeDir);
  return {
    serve: `abep serve web --store-dir ${dir}`,
    download: `abep snapshots download latest <dir> --store-dir ${dir}`,
  };
}

function waitForNormalised(
  bus: Bus,
  crawlId: string,
): { promise: Promise<CrawlNormalisedV1>; ready: Promise<unknown>; close(): Promise<void> } {
  const { promise, resolve } = Promise.withResolvers<CrawlNormalisedV1>();
  const ready = bus.subscribe({
    topic: 'crawl.normalised.v1',
    groupId: `abep-run-${randomUUID()}`,
    fromBeginning: true,
    handler: async (d) => {
      if (d.value.crawlId === crawlId) resolve(d.value);
    },
  });
  return { promise, ready, close: async () => (await ready).close() };
}

async function countDeadLetters(bus: Bus): Promise<number> {
  let n = 0;
  for await (const _ of bus.readToEnd('message.dead-lettered.v1')) n++;
  return n;
}

/** `abep run`: one whole crawl → extract → normalise → publish, in this process. */
export async function runPipelineOnce(
  options: RunOptions,
  settings: Settings,
  logger: Logger,
  stderr: NodeJS.WriteStream,
): Promise<{ code: number; summary: RunSummary }> {
  const fixedClock = settings.run.fixedClock;
  const now = fixedClock ? () => new Date(fixedClock) : undefined;
  const clock = now ?? (() => new Date());
  const gazetteer = loadGazetteer(settings.run.referenceDataDir);
  const planOptions: PlanOptions = {
    ...(options.la?.length ? { la: options.la } : {}),
    ...(options.pipeline?.length ? { pipeline: options.pipeline } : {}),
    ...(options.urls
      ? {
          urls: await readFile(options.urls, 'utf8').catch(() => {
            throw new AbepError(
              'CONFIG_INVALID',
              `--urls ${options.urls}: cannot read the file; give a path to a text file with one URL per line`,
            );
          }),
        }
      : {}),
  };
  let fixture: FixtureWeb | undefined = options.fixture;
  const ownsFixture = !fixture && Boolean(options.fixtureWeb);
  if (ownsFixture) {
    fixture = await createFixtureWeb({
      councils: options.fixtureCouncils ?? 60,
      slowMs: 500,
      port: FIXTURE_PORT,
    });
    if (fixture.port !== FIXTURE_PORT)
      logger.warn(
        { port: fixture.port, preferred: FIXTURE_PORT },
        'fixture web on another port: its URLs differ from earlier fixture runs',
      );
  }
  try {
    const plan = buildPlan(planOptions, {
      gazetteer,
      ...(fixture
        ? {
            localAuthorities: fixture.manifest.councils.map((c) => ({
              laCode: c.laCode,
              name: c.name,
              website: c.url,
            })),
          }
        : {}),
    });
    // Fixture-web runs keep their own directory store (snapshots and embedded register), so demo data
    // never mixes with a real register.
    const storeDir = options.storeDir ?? (ownsFixture ? fixtureStoreDir(settings.infra.storeDir) : undefined);
    const opened = await openInfra(storeDir ? { ...settings.infra, storeDir } : settings.infra, logger);
    const watch = watchStore(opened.store, {
      name: opened.describe.split(' + ').at(-1) ?? opened.describe,
      outageMs: options.storeOutageMs ?? settings.run.outageSeconds * 1000,
    });
    // The services wait a broker outage out; the run gives up on one as it does on the store: exit 3, named.
    const brokers = settings.infra.kafka.brokers ?? [];
    const broker = opened.embedded
      ? undefined
      : watchBroker(
          { brokers, clientId: settings.infra.kafka.clientId },
          { outageMs: settings.run.outageSeconds * 1000 },
        );
    const lost = Promise.race([watch.lost, ...(broker ? [broker.lost] : [])]);
    lost.catch(() => undefined);
    const isLost = () => watch.isLost || broker?.isLost === true;
    const infra = { ...opened, store: watch.store };
    const runtime = createRuntime({
      infra,
      settings,
      logger,
      gazetteer,
      services: ALL_SERVICES,
      ...(fixture ? { network: { lookup: fixture.hostLookup, allowPrivateNetworks: ['127.0.0.1/32'] } } : {}),
      ...(now ? { now } : {}),
    });
    const crawlId = options.crawlId ?? newCrawlId(clock());
    const view = createProgressView(stderr);
    let timer: NodeJS.Timeout | undefined;
    const waiter = waitForNormalised(infra.bus, crawlId);
    try {
      const deadLettersBefore = await countDeadLetters(infra.bus);
      // Embedded, the register would start empty every run; the store keeps it between runs, as the
      // compacted topic does over Kafka, so the same crawls give the same register in both modes.
      if (infra.embedded) await loadEmbeddedRegister(infra.bus, infra.store, logger);
      await runtime.start();
      await waiter.ready;
      const deadlineMinutes = options.deadlineMinutes ?? settings.run.deadlineMinutes;
      const started = await startCrawl(infra.bus, plan, { crawlId, now: clock(), deadlineMinutes });
      logger.info(
        { crawlId, seeds: started.seeds, deadline: started.deadline, infra: infra.describe },
        'crawl started',
      );
      const report = async (finished?: CrawlNormalisedV1['crawl']) => {
        const progress = runtime.tracker?.progress(crawlId);
        if (!progress) return;
        const status = buildStatus(
          progress,
          runtime.crawler?.stats(),
          runtime.fetcher?.hosts() ?? [],
          new Date(),
          finished,
        );
        view.update(status);
        await writeStatus(infra.store, status).catch((err: unknown) =>
          logger.warn({ err }, 'could not write crawl status'),
        );
      };
      timer = setInterval(() => void report(), 1000);
      // The normaliser waits out its grace period at most; past that a crawl that cannot finish is a bug.
      const limitMs = deadlineMinutes * 60_000 + settings.normaliser.graceMs + 60_000;
      const normalised = await Promise.race([
        waiter.promise,
        lost,
        new Promise<never>((_, reject) =>
          setTimeout(
            () =>
              reject(
                new AbepError(
                  'DEADLINE_EXCEEDED',
                  `crawl ${crawlId} was not normalised within ${Math.round(limitMs / 60_000)} min`,
                ),
              ),
            limitMs,
          ).unref(),
        ),
      ]);
      clearInterval(timer);
      await report(normalised.crawl);
      view.stop();
      const publisher = runtime.publisher as NonNullable<typeof runtime.publisher>;
      const result = await Promise.race([publisher.publishNow({ reason: 'crawl', crawl: normalised }), lost]);
      if (infra.embedded) await saveEmbeddedRegister(infra.bus, infra.store, logger);
      const summary: RunSummary = {
        crawlId,
        infra: infra.describe,
        outcome: normalised.crawl.outcome,
        coverage: normalised.crawl.coverage,
        ...(normalised.crawl.reason ? { reason: normalised.crawl.reason } : {}),
        pages: normalised.crawl.counts,
        partnerships: normalised.partnerships,
        localAuthorities: normalised.localAuthorities,
        ...(normalised.localAuthorityCoverage
          ? { localAuthorityCoverage: normalised.localAuthorityCoverage }
          : {}),
        rejectedMentions: normalised.rejectedMentions,
        deadLetters: Math.max(0, (await countDeadLetters(infra.bus)) - deadLettersBefore),
        snapshot: {
          status: result.status,
          version: result.version,
          ...(result.version
            ? {
                manifestKey: layout(settings.publisher.prefix).manifest(result.version),
                readWith: readWith(settings, storeDir, result.version),
              }
            : {}),
          ...(result.reason ? { reason: result.reason } : {}),
        },
      };
      // A held snapshot is published but not latest: the run did not finish its work (promote to finish it).
      const done = normalised.crawl.outcome === 'complete' && result.status !== 'held';
      return { code: done ? EXIT.ok : EXIT.partial, summary };
    } finally {
      if (timer) clearInterval(timer);
      view.stop();
      watch.close();
      const closingBroker = broker?.close();
      const closing = (async () => {
        await waiter.close().catch(() => undefined);
        await runtime.close();
      })();
      // With the store or broker gone the services' drain (WARC files, commits after stores) cannot finish: bounded.
      if (isLost())
        await Promise.race([
          closing.catch(() => undefined),
          sleep(CLOSE_AFTER_LOSS_MS, undefined, { ref: false }),
        ]);
      else await closing;
      await closingBroker;
      if (broker?.isLost)
        await Promise.race([
          infra.close().catch(() => undefined),
          sleep(CLOSE_AFTER_LOSS_MS, undefined, { ref: false }),
        ]);
      else await infra.close();
    }
  } finally {
    if (ownsFixture) await fixture?.close();
  }
}
