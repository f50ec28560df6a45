import type { EnvFields } from '@abep/config';
import { z } from 'zod';

export const ExtractorConfig = z.object({
  groupId: z.string().min(1).default('extractor'),
  /** Partitions of page.fetched handled at once by this process. */
  partitionConcurrency: z.coerce.number().int().min(1).default(3),
  /** HTML bodies larger than this are examined without extraction (page-examined only). */
  maxHtmlBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  /**
   * Characters of a page's HTML handed to the parser; the rest is cut (noted on page-examined and logged), so
   * parse time has a bound. Attributes per element (256) and nesting depth (512) are bounded too.
   */
  maxParseChars: z.coerce.number().int().min(10_000).max(100_000_000).default(1_000_000),
  /**
   * Wall-clock milliseconds one page may take in a worker; a page over it is examined-only with failure
   * EXTRACT_BUDGET_EXCEEDED. At most 2^31-1 (Node's largest timer).
   */
  pageBudgetMs: z.coerce.number().int().min(100).max(2_147_483_647).default(30_000),
  /** Worker threads reading pages (each one page at a time). */
  workers: z.coerce.number().int().min(1).max(64).default(2),
});
export type ExtractorConfig = z.infer<typeof ExtractorConfig>;

export const extractorEnv: EnvFields<typeof ExtractorConfig> = {
  groupId: { env: 'ABEP_EXTRACTOR_GROUP_ID', description: 'consumer group of page.fetched' },
  partitionConcurrency: {
    env: 'ABEP_EXTRACTOR_PARTITION_CONCURRENCY',
    description: 'partitions handled at once',
  },
  maxHtmlBytes: {
    env: 'ABEP_EXTRACTOR_MAX_HTML_BYTES',
    description: 'largest HTML body extracted, in bytes',
  },
  maxParseChars: {
    env: 'ABEP_EXTRACTOR_MAX_PARSE_CHARS',
    description: 'characters of a page parsed; the rest is cut and noted',
  },
  pageBudgetMs: {
    env: 'ABEP_EXTRACTOR_PAGE_BUDGET_MS',
    description: 'wall-clock ms one page may take; over it the page is examined with EXTRACT_BUDGET_EXCEEDED',
  },
  workers: {
    env: 'ABEP_EXTRACTOR_WORKERS',
    description: 'worker threads reading pages',
  },
};
