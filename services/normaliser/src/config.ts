import type { EnvFields } from '@abep/config';
import { z } from 'zod';

export const NormaliserConfig = z.object({
  groupId: z.string().min(1).default('abep-normaliser'),
  /** Crawls a partnership may go unseen before it is marked inactive. */
  inactiveAfterCrawls: z.coerce.number().int().min(1).default(3),
  /** How long to wait after crawl.finished for the pages' observations before normalising anyway. */
  /** At most a day (timers overflow past 2^31-1 ms). */
  graceMs: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
  correctionsPath: z.string().optional(),
});
export type NormaliserConfig = z.infer<typeof NormaliserConfig>;

export const normaliserEnv: EnvFields<typeof NormaliserConfig> = {
  groupId: { env: 'ABEP_NORMALISER_GROUP_ID', description: 'consumer group id' },
  inactiveAfterCrawls: {
    env: 'ABEP_NORMALISER_INACTIVE_AFTER_CRAWLS',
    description: 'finished crawls a partnership may go unseen before its status becomes inactive',
  },
  graceMs: {
    env: 'ABEP_NORMALISER_GRACE_MS',
    description:
      'ms to wait after crawl.finished for every fetched page to be examined before normalising anyway',
  },
  correctionsPath: {
    env: 'ABEP_NORMALISER_CORRECTIONS',
    description: 'path of the curated corrections YAML (default: the service’s corrections.yaml)',
  },
};
