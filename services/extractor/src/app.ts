import type { Bus, Delivery, Subscription } from '@abep/bus';
import { noPlaces, type Pipeline, type Places } from '@abep/extraction';
import type { Logger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { readWarcRecord } from '@abep/warc';
import type { ExtractorConfig } from './config.ts';
import { discoverSites } from './discover-sites.ts';
import { examinePage, type FetchedBody } from './examine-page.ts';
import { pipelines as allPipelines, pipelineFor } from './pipelines.ts';

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
  /** Reads the page body a page.fetched pointer claims; defaults to @abep/warc's readWarcRecord. */
  readRecord?: RecordReader;
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
    const result = examinePage(message, fetched, pipelineFor(message.pipeline, list), {
      maxHtmlBytes: config.maxHtmlBytes,
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
    const discovered = discoverSites(message, result.observations, requested, new Date());
    // Requests first: the crawl tracker counts a page settled only once it has seen the requests it announces.
    if (discovered.requests.length) await bus.publish('crawl.requested.v1', discovered.requests);
    await bus.publish('observation.extracted.v1', discovered.observations);
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
