import { z } from 'zod';
import { IsoDateTime } from './common.ts';

/** Announces a published register version; map front-ends and watchers may follow it. */
export const SnapshotPublishedV1 = z.object({
  version: z.string().min(1),
  manifestKey: z.string().min(1),
  publishedAt: IsoDateTime,
  crawlIds: z.array(z.string()),
  partnerships: z.int().min(0),
  localAuthorities: z.int().min(0),
});
export type SnapshotPublishedV1 = z.infer<typeof SnapshotPublishedV1>;
