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
};
