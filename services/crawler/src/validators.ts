import { z } from 'zod';

/** What a 304 needs to point at the earlier capture. Stored as JSON at validatorsKey(url). */
export const StoredValidators = z.object({
  url: z.string(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  finalUrl: z.string(),
  status: z.int(),
  contentType: z.string(),
  charset: z.string().optional(),
  sha256: z.string(),
  bytes: z.int().min(0),
  fetchedAt: z.string(),
  warc: z.object({ key: z.string(), offset: z.int().min(0), length: z.int().min(1) }),
});
export type StoredValidators = z.infer<typeof StoredValidators>;
