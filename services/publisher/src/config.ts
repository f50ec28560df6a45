import type { EnvFields } from '@abep/config';
import { z } from 'zod';
import { ROW_GROUP_ROWS } from './build-parquet.ts';

export const PublisherConfig = z.object({
  /** Key prefix of the snapshot tree inside the store (the store itself may add a bucket prefix). */
  prefix: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+(?:\/[a-zA-Z0-9._-]+)*$/, 'key prefix without leading or trailing `/`')
    .default('register'),
  groupId: z.string().min(1).default('publisher'),
  /** Versions kept by prune; unset keeps every version (the default: a snapshot is a promise). */
  retainVersions: z.coerce.number().int().min(1).optional(),
  /** Attempts at a compare-and-swap of versions.json / latest.json before giving up (STORE_CONFLICT). */
  casAttempts: z.coerce.number().int().min(1).default(8),
  /**
   * Largest share (0–1) of the previous version's partnerships a version may drop without evidence (a withdrawn
   * record) and still become latest; above it the version is published but latest stays (promote to move it).
   */
  maxRemovedShare: z.coerce.number().min(0).max(1).default(0.2),
  /**
   * Rows per Parquet row group. Part of the file's bytes, so changing it publishes one new version of an
   * unchanged register. 100,000 (the original) holds whole 100k-row columns while writing; 10,000 keeps a
   * 100k-partnership publish near 512 MB peak RSS instead of about 700 MB.
   */
  parquetRowGroupRows: z.coerce.number().int().min(1000).default(ROW_GROUP_ROWS),
  /** Start every CSV with a UTF-8 byte-order mark, so Excel shows "St Mary’s" rather than mojibake. Off by default: part of the bytes. */
  csvBom: z.union([z.boolean(), z.stringbool()]).default(false),
});
export type PublisherConfig = z.infer<typeof PublisherConfig>;
export type PublisherConfigInput = z.input<typeof PublisherConfig>;

export const publisherEnv: EnvFields<typeof PublisherConfig> = {
  prefix: { env: 'ABEP_PUBLISHER_PREFIX', description: 'key prefix of the snapshot tree in the store' },
  groupId: { env: 'ABEP_PUBLISHER_GROUP_ID', description: 'consumer group of crawl.normalised' },
  retainVersions: {
    env: 'ABEP_PUBLISHER_RETAIN_VERSIONS',
    description: 'versions kept after each publish (newest N, latest always); unset keeps all',
  },
  casAttempts: {
    env: 'ABEP_PUBLISHER_CAS_ATTEMPTS',
    description: 'compare-and-swap attempts on the pointers',
  },
  maxRemovedShare: {
    env: 'ABEP_PUBLISHER_MAX_REMOVED_SHARE',
    description:
      'share (0–1) of partnerships a run may drop without evidence (withdrawn or merged) and still move latest; above it the version is published, latest stays, exit 1 (`abep snapshots promote <v>` moves it)',
  },
  parquetRowGroupRows: {
    env: 'ABEP_PUBLISHER_PARQUET_ROW_GROUP_ROWS',
    description:
      'rows per Parquet row group (changing it changes the bytes, so publishes a new version once)',
  },
  csvBom: {
    env: 'ABEP_PUBLISHER_CSV_BOM',
    description:
      'true: every CSV starts with a UTF-8 byte-order mark, for spreadsheet users (changes the bytes, so publishes a new version once)',
  },
};
