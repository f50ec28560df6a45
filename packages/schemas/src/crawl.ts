import { z } from 'zod';
import { CrawlId, HttpUrl, IsoDateTime, PipelineName, Sha256Hex } from './common.ts';
import { ErrorCode } from './errors.ts';

/** A request to fetch one URL within a crawl. Keyed by host so one consumer owns a host's politeness. */
export const CrawlRequestedV1 = z.object({
  crawlId: CrawlId,
  pipeline: PipelineName,
  url: HttpUrl,
  depth: z.int().min(0),
  requestedAt: IsoDateTime,
  /** The page the link was found on; absent for seeds. */
  sourceUrl: HttpUrl.optional(),
  /** Seed context a pipeline wants carried to extraction, e.g. the LA a council site belongs to. */
  laCode: z.string().optional(),
});
export type CrawlRequestedV1 = z.infer<typeof CrawlRequestedV1>;

/** Claim-check: the body lives in a WARC record in the object store, never on the bus. */
export const PageFetchedV1 = z.object({
  crawlId: CrawlId,
  pipeline: PipelineName,
  url: HttpUrl,
  finalUrl: HttpUrl,
  depth: z.int().min(0),
  status: z.int().min(100).max(599),
  contentType: z.string(),
  /** Charset the body was decoded from before it was stored as UTF-8 (HTML only). */
  charset: z.string().optional(),
  fetchedAt: IsoDateTime,
  /** true when the server answered 304 to a conditional GET: the stored capture is the earlier one. */
  unchanged: z.boolean(),
  warc: z.object({
    key: z.string().min(1),
    offset: z.int().min(0),
    length: z.int().min(1),
  }),
  /** sha256 of the HTTP payload as captured. */
  sha256: Sha256Hex,
  bytes: z.int().min(0),
  laCode: z.string().optional(),
  sourceUrl: HttpUrl.optional(),
  /**
   * How many crawl.requested messages the crawler published for links found on this page, published before
   * this message: the crawl tracker waits to have seen them before counting the page settled.
   */
  linksRequested: z.int().min(0).optional(),
  /** In-scope links on this page not requested: over the per-page link cap or a host's page cap. */
  linksDropped: z.int().min(0).optional(),
});
export type PageFetchedV1 = z.infer<typeof PageFetchedV1>;

export const CrawlFailedV1 = z.object({
  crawlId: CrawlId,
  pipeline: PipelineName,
  url: z.string(),
  depth: z.int().min(0),
  failedAt: IsoDateTime,
  code: ErrorCode,
  message: z.string(),
  status: z.int().optional(),
  attempts: z.int().min(1),
  laCode: z.string().optional(),
});
export type CrawlFailedV1 = z.infer<typeof CrawlFailedV1>;

export const CrawlPlanScope = z.object({
  pipelines: z.array(PipelineName).min(1),
  laCodes: z.array(z.string()).optional(),
  urls: z.array(HttpUrl).optional(),
});

export const CrawlStartedV1 = z.object({
  crawlId: CrawlId,
  startedAt: IsoDateTime,
  plan: CrawlPlanScope,
  seeds: z.int().min(0),
  deadline: IsoDateTime.optional(),
});
export type CrawlStartedV1 = z.infer<typeof CrawlStartedV1>;

export const CrawlCounts = z.object({
  requested: z.int().min(0),
  fetched: z.int().min(0),
  unchanged: z.int().min(0),
  failed: z.int().min(0),
  failedByCode: z.record(z.string(), z.int().min(0)),
  observations: z.int().min(0).optional(),
  records: z.int().min(0).optional(),
  deadLetters: z.int().min(0).optional(),
});
export type CrawlCounts = z.infer<typeof CrawlCounts>;

export const CrawlOutcome = z.enum(['complete', 'partial', 'failed', 'deadline', 'cancelled']);
export type CrawlOutcome = z.infer<typeof CrawlOutcome>;

export const CrawlFinishedV1 = z.object({
  crawlId: CrawlId,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  /**
   * complete: every request settled and every seed was read; partial: some of the plan was not read (the
   * deadline, or seeds that failed); failed: nothing could be read at all. `deadline` and `cancelled` are
   * what trackers announced before `endedBy` existed; readers treat them as partial.
   */
  outcome: CrawlOutcome,
  counts: CrawlCounts,
  /** Share of requested URLs that were read (fetched or unchanged), 0..1. Failed requests do not count. */
  coverage: z.number().min(0).max(1),
  /** Why the crawl ended: every request settled, the deadline passed, or it was cancelled. */
  endedBy: z.enum(['settled', 'deadline', 'cancelled']).optional(),
  /** Present unless complete: what was not read, in words (e.g. "153 of 153 requests failed: FETCH_DNS 153"). */
  reason: z.string().optional(),
  /** The crawl's plan, copied from crawl.started, so readers know which LAs it was meant to cover. */
  plan: CrawlPlanScope.optional(),
});
export type CrawlFinishedV1 = z.infer<typeof CrawlFinishedV1>;

/**
 * The normaliser has folded every page of a crawl into the register (or gave up waiting at the deadline):
 * the register topic now reflects the crawl, so the publisher may snapshot it.
 */
export const CrawlNormalisedV1 = z.object({
  crawlId: CrawlId,
  normalisedAt: IsoDateTime,
  /** Pages whose observations were folded in, against pages the crawl reported as fetched or unchanged. */
  pagesSeen: z.int().min(0),
  pagesExpected: z.int().min(0),
  partnerships: z.int().min(0),
  localAuthorities: z.int().min(0),
  rejectedMentions: z.int().min(0),
  /**
   * This crawl, per LA: examined (council pages read), unreachable (every request failed), not crawled (outside
   * the plan, or not reached before the crawl stopped). Only examined LAs' profiles take this crawl's data.
   */
  localAuthorityCoverage: z
    .object({ examined: z.int().min(0), unreachable: z.int().min(0), notCrawled: z.int().min(0) })
    .optional(),
  crawl: CrawlFinishedV1,
});
export type CrawlNormalisedV1 = z.infer<typeof CrawlNormalisedV1>;
