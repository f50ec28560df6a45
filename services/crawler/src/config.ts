import type { EnvFields } from '@abep/config';
import { ScopeRules } from '@abep/schemas';
import { z } from 'zod';

export const CrawlerConfig = z.object({
  groupId: z.string().min(1).default('crawler'),
  /** Partitions of crawl.requested handled at once by this process. */
  partitionConcurrency: z.coerce.number().int().min(1).default(24),
  /**
   * Requests this process holds at once across its partitions: the size of its frontier. The fetcher orders
   * them by host politeness, so a host waiting out its delay never holds up another; a partition's offset is
   * committed up to its oldest request not yet settled. 1 = one request at a time per partition.
   */
  maxInFlight: z.coerce.number().int().min(1).max(1_000_000).default(5000),
  /** Names this process's WARC files; defaults to a random id per start so restarts never collide. */
  writerId: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/)
    .optional(),
  warcMaxFileBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** Longest a captured page waits for its WARC file to be stored (and its page.fetched published). */
  warcRollMs: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  /** Store a WARC file as soon as this many captures wait for it (the busy-crawler path). */
  warcRollRecords: z.coerce.number().int().min(1).default(32),
  /**
   * New in-scope links requested from one page, in document order; the rest are counted (page.fetched
   * linksDropped) and logged. Bounds the requests, done markers and store objects one page can cause.
   */
  maxLinksPerPage: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Scope for a pipeline that scopeFor does not know. */
  defaultScope: ScopeRules.default({ registrableDomains: 'same-as-seed', maxDepth: 2, maxPagesPerHost: 500 }),
});
export type CrawlerConfig = z.infer<typeof CrawlerConfig>;
export type CrawlerConfigInput = z.input<typeof CrawlerConfig>;

export const crawlerEnv: EnvFields<z.ZodObject<Omit<typeof CrawlerConfig.shape, 'defaultScope'>>> = {
  groupId: { env: 'ABEP_CRAWLER_GROUP_ID', description: 'consumer group of crawl.requested' },
  partitionConcurrency: {
    env: 'ABEP_CRAWLER_PARTITION_CONCURRENCY',
    description: 'partitions handled at once',
  },
  maxInFlight: {
    env: 'ABEP_CRAWLER_MAX_IN_FLIGHT',
    description: 'requests held at once (the frontier), across partitions; 1 = one per partition at a time',
  },
  writerId: {
    env: 'ABEP_CRAWLER_WRITER_ID',
    description: 'WARC file name prefix (default: random per start)',
  },
  warcMaxFileBytes: { env: 'ABEP_CRAWLER_WARC_MAX_FILE_BYTES', description: 'WARC file roll size in bytes' },
  warcRollMs: {
    env: 'ABEP_CRAWLER_WARC_ROLL_MS',
    description: 'max ms a capture waits before its WARC file is stored',
  },
  warcRollRecords: {
    env: 'ABEP_CRAWLER_WARC_ROLL_RECORDS',
    description: 'store a WARC file once this many captures wait for it',
  },
  maxLinksPerPage: {
    env: 'ABEP_CRAWLER_MAX_LINKS_PER_PAGE',
    description: 'new in-scope links requested from one page; the rest are counted and logged',
  },
};
