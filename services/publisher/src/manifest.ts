import { CrawlFinishedV1, IsoDateTime, Sha256Hex } from '@abep/schemas';
import { z } from 'zod';

export const MANIFEST_FORMAT = 'abep-register-manifest/1';

const ManifestFile = z.object({
  path: z.string().min(1),
  bytes: z.int().min(0),
  sha256: Sha256Hex,
  mediaType: z.string().min(1),
  /** false for changes.json: it depends on the previous version, so it is outside the content hash. */
  content: z.boolean(),
});

export const ManifestCrawl = z.object({
  crawlId: z.string(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  outcome: CrawlFinishedV1.shape.outcome,
  /** Share of requested URLs that were read (fetched or unchanged). */
  coverage: z.number().min(0).max(1),
  endedBy: CrawlFinishedV1.shape.endedBy,
  /** What the crawl did not read, when it was not complete. */
  reason: z.string().optional(),
  normalisedAt: IsoDateTime.optional(),
  pagesSeen: z.int().min(0).optional(),
  pagesExpected: z.int().min(0).optional(),
});
export type ManifestCrawl = z.infer<typeof ManifestCrawl>;

/** manifest.json: written last; a version exists once this exists and the pointers name it. */
export const SnapshotManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.string().min(1),
  publishedAt: IsoDateTime,
  previousVersion: z.string().nullable(),
  contentHash: Sha256Hex,
  schemaVersions: z.object({ partnership: z.string(), localAuthorityProfile: z.string() }),
  trigger: z.string(),
  crawls: z.array(ManifestCrawl),
  /** Earliest crawl start to latest crawl finish; null when no crawl is recorded. */
  window: z.object({ from: IsoDateTime, to: IsoDateTime }).nullable(),
  rows: z.object({
    partnerships: z.int().min(0),
    partnershipLocalAuthorities: z.int().min(0),
    localAuthorities: z.int().min(0),
  }),
  withdrawnPartnerships: z.int().min(0),
  invalidRecords: z.object({ count: z.int().min(0), byCode: z.record(z.string(), z.int().min(0)) }),
  changes: z.object({ added: z.int(), removed: z.int(), changed: z.int() }),
  /**
   * Present when publishing did not move latest to this version: too many partnerships would have left the
   * register without evidence. `abep snapshots promote <version>` moves latest to it on purpose.
   */
  latestHeld: z
    .object({
      reason: z.string().min(1),
      removedWithoutEvidence: z.int().min(0),
      previousPartnerships: z.int().min(0),
      share: z.number().min(0).max(1),
      maxShare: z.number().min(0).max(1),
    })
    .optional(),
  attribution: z.array(z.string()),
  files: z.array(ManifestFile),
});
export type SnapshotManifest = z.infer<typeof SnapshotManifest>;

export const LatestPointer = z.object({
  version: z.string().min(1),
  manifestKey: z.string().min(1),
  publishedAt: IsoDateTime,
});
export type LatestPointer = z.infer<typeof LatestPointer>;

export const VersionEntry = z.object({
  version: z.string().min(1),
  manifestKey: z.string().min(1),
  publishedAt: IsoDateTime,
  contentHash: Sha256Hex,
  previousVersion: z.string().nullable(),
  partnerships: z.int().min(0),
  localAuthorities: z.int().min(0),
  /** What published it (crawl, manual, startup, schedule). Absent on entries written before it was added. */
  trigger: z.string().optional(),
  /** The outcome of each crawl folded into the version (complete, partial, failed, …), by crawl id order. */
  outcomes: z.array(z.string()).optional(),
  changes: z.object({ added: z.int(), removed: z.int(), changed: z.int() }).optional(),
  /** Published and listed, but latest was not moved to it (see the manifest's latestHeld). */
  latestHeld: z.boolean().optional(),
});
export type VersionEntry = z.infer<typeof VersionEntry>;

/** versions.json: every published version, oldest first. */
export const VersionIndex = z.object({ versions: z.array(VersionEntry) });
export type VersionIndex = z.infer<typeof VersionIndex>;
