import type { Bus, Delivery, Subscription } from '@abep/bus';
import { noPlaces, type Pipeline, type Places } from '@abep/extraction';
import { DEFAULT_HTML_BOUNDS } from '@abep/fetcher';
import type { Logger } from '@abep/logger';
import { pipelines as allPipelines, pipelineFor } from '@abep/pipelines';
import { AbepError, type ObservationV1 } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { readWarcRecord } from '@abep/warc';
import type { ExtractorConfig } from './config.ts';
import { discoverSites } from './discover-sites.ts';
import { examinePage, type FetchedBody, withNotes } from './examine-page.ts';
import type { ExaminePool } from './examine-pool.ts';

export type RecordReader = (
  store: ObjectStore,
  pointer: { key: string; offset: number; length: number },
) => Promise<FetchedBody>;

export interface ExtractorDeps {
  bus: Bus;
  store: ObjectStore;
  logger: Logger;
  config: ExtractorConfig;
  pipelines?: readonly Pipeline[];
  /** LA names from the reference data, so pages can be attributed to the LA they are about. */
  places?: Places;
  /**
   * Reads pages on worker threads under a per-page wall-clock budget (the built-in pipelines). Without it,
   * pages are read on this thread with `pipelines`, unbudgeted (tests with their own pipelines).
   */
  pool?: ExaminePool;
  /** Reads the page body a page.fetched pointer claims; defaults to @abep/warc's readWarcRecord. */
  readRecord?: RecordReader;
  /** The clock of the requests it makes for discovered sites (the CLI passes ABEP_FIXED_CLOCK's). */
  now?: () => Date;
}

export interface Extractor {
  start(): Promise<void>;
  /** One page.fetched delivery: read the capture, extract, publish. Exposed for tests and replays. */
  handle(delivery: Delivery<'page.fetched.v1'>): Promise<void>;
  close(): Promise<void>;
}

/** Unreadable pointers are not worth retrying: the capture is missing or corrupt, so the page dead-letters. */
async function readOrThrow(
  read: RecordReader,
  store: ObjectStore,
  pointer: { key: string; offset: number; length: number },
): Promise<FetchedBody> {
  try {
    return await read(store, pointer);
  } catch (cause) {
    if (cause instanceof AbepError && cause.retriable) throw cause;
    throw new AbepError('STORE_NOT_FOUND', `WARC record ${pointer.key}@${pointer.offset} cannot be read`, {
      retriable: false,
      cause,
      details: { ...pointer, reason: cause instanceof AbepError ? cause.code : 'unreadable' },
    });
  }
}

export function createExtractor(deps: ExtractorDeps): Extractor {
  const { bus, store, config } = deps;
  const logger = deps.logger.child({ component: 'extractor' });
  const list = deps.pipelines ?? allPipelines;
  const read: RecordReader = deps.readRecord ?? readWarcRecord;
  const now = deps.now ?? (() => new Date());
  let subscription: Subscription | undefined;
  const requested = new Set<string>();

  async function handle(delivery: Delivery<'page.fetched.v1'>): Promise<void> {
    const message = delivery.value;
    const log = logger.child({
      topic: delivery.topic,
      partition: delivery.partition,
      offset: delivery.offset,
      key: delivery.key,
    });
    const fetched = await readOrThrow(read, store, message.warc);
    const bounds = { ...DEFAULT_HTML_BOUNDS, maxChars: config.maxParseChars };
    const result = deps.pool
      ? await deps.pool.examine({ message, fetched, maxHtmlBytes: config.maxHtmlBytes, bounds })
      : examinePage(message, fetched, pipelineFor(message.pipeline, list), {
          maxHtmlBytes: config.maxHtmlBytes,
          bounds,
          places: deps.places ?? noPlaces,
        });
    if (result.failure) {
      log.error(
        {
          code: result.failure.code,
          pipeline: message.pipeline,
          crawlId: message.crawlId,
          err: result.failure.cause,
        },
        'extraction failed; page counted as examined',
      );
    } else if (result.skipped) {
      log.debug({ skipped: result.skipped, pipeline: message.pipeline }, 'page examined without extraction');
    }
    if (result.truncated.length) {
      log.warn({ truncated: result.truncated, crawlId: message.crawlId }, 'page bounded for extraction');
    }
    const discovered = discoverSites(message, result.observations, requested, now());
    // Requests first: the crawl tracker counts a page settled only once it has seen the requests it announces.
    if (discovered.requests.length) await bus.publish('crawl.requested.v1', discovered.requests);
    try {
      await bus.publish('observation.extracted.v1', discovered.observations);
    } catch (error) {
      // What the page yielded does not fit on the bus: no retry can change that, so the page still counts as
      // examined, with the code, and its findings are given up (logged).
      if (!(error instanceof AbepError && error.code === 'MESSAGE_TOO_LARGE')) throw error;
      const last = discovered.observations.at(-1) as ObservationV1;
      // Its links already became requests above (seedsRequested stays, so the tracker waits for them).
      const examined = withNotes(
        last.kind === 'page-examined' ? { ...last, partnershipLinks: [] } : last,
        result.truncated,
        error,
      );
      log.error(
        { code: error.code, details: error.details, observations: discovered.observations.length },
        'observations too large for the bus; page counted as examined without them',
      );
      await bus.publish('observation.extracted.v1', [examined]);
    }
    log.debug({ observations: result.observations.length, crawlId: message.crawlId }, 'page extracted');
  }

  return {
    handle,
    async start() {
      subscription = await bus.subscribe({
        topic: 'page.fetched.v1',
        groupId: config.groupId,
        partitionConcurrency: config.partitionConcurrency,
        handler: handle,
      });
      logger.info({ groupId: config.groupId, pipelines: list.map((p) => p.name) }, 'extractor started');
    },
    async close() {
      await subscription?.close();
      subscription = undefined;
      logger.info('extractor stopped');
    },
  };
}
