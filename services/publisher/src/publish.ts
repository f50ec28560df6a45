import type { Logger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { type ChangeSet, diffRegisters, diffRegistersStreaming, NotSortedError } from './build-changes.ts';
import { BOUNDARY_NOTICE, OGL_NOTICE } from './build-datapackage.ts';
import { buildFeeds } from './build-feed.ts';
import { MEDIA, type SnapshotPlan } from './build-snapshot.ts';
import { canonicalJson, jsonBytes, sha256Hex } from './canonical.ts';
import {
  CACHE_IMMUTABLE,
  CACHE_POINTER,
  isVersionId,
  type Layout,
  nextVersionTime,
  versionHash,
  versionId,
} from './layout.ts';
import {
  LatestPointer,
  MANIFEST_FORMAT,
  type ManifestCrawl,
  SnapshotManifest,
  type VersionEntry,
  VersionIndex,
} from './manifest.ts';
import { judgeRemovals, type RemovalJudgement } from './removal-guard.ts';
import { casJson, forEachLimit, isConflict, putImmutable, readValidated } from './store-io.ts';
import { readManifest, readVerified, readVersionRecords, streamVersionRecords } from './version-reader.ts';

export interface PublishInput {
  content: SnapshotPlan;
  withdrawn: number;
  /** Ids of withdrawn partnerships: they leave the register with evidence (see removal-guard.ts). */
  withdrawnIds?: readonly string[];
  invalid: { count: number; byCode: Record<string, number> };
  crawls: ManifestCrawl[];
  trigger: string;
}

export interface PublishResult {
  /**
   * published: this call made `version` the latest. unchanged: the latest version already has this content
   * (or a racing publisher published it first). superseded: `version` is complete and listed, but a newer
   * version is already latest. withheld: nothing was written because the triggering crawl read nothing
   * (`reason` says so); `version` is the latest, unchanged. held: `version` is complete and listed, but it
   * would drop too many partnerships without evidence, so latest was not moved (`reason` says so; the manifest
   * carries it as `latestHeld`; `abep snapshots promote` moves latest on purpose).
   */
  status: 'published' | 'unchanged' | 'superseded' | 'withheld' | 'held';
  reason?: string;
  version: string;
  previousVersion: string | null;
  contentHash: string;
  rows: SnapshotPlan['rows'];
  invalidRecords: number;
  changes?: ChangeSet['summary'];
  manifest?: SnapshotManifest;
}

export interface PublishDeps {
  store: ObjectStore;
  paths: Layout;
  logger: Logger;
  now: () => Date;
  casAttempts: number;
  /** See PublisherConfig.maxRemovedShare; default 0.2. */
  maxRemovedShare?: number;
  /** Test seams for crash-recovery tests: run after the version's files, and after its manifest. */
  hooks?: { afterFiles?: () => Promise<void> | void; afterManifest?: () => Promise<void> | void };
}

const PUT_CONCURRENCY = 4;

/** Version ids with files under versions/ (complete or not), newest first. */
async function versionsInStore(store: ObjectStore, paths: Layout): Promise<string[]> {
  const found = new Set<string>();
  for await (const info of store.list(paths.versionsDir)) {
    const id = info.key.slice(paths.versionsDir.length).split('/')[0] ?? '';
    if (isVersionId(id)) found.add(id);
  }
  return [...found].sort().reverse();
}

async function deleteVersionFiles(store: ObjectStore, paths: Layout, version: string): Promise<void> {
  const keys: string[] = [];
  for await (const info of store.list(paths.versionDir(version))) keys.push(info.key);
  const manifest = paths.manifest(version);
  // The manifest goes first, so a half-deleted version never looks complete.
  if (keys.includes(manifest)) await store.delete(manifest);
  await forEachLimit(
    keys.filter((k) => k !== manifest),
    PUT_CONCURRENCY,
    (k) => store.delete(k),
  );
}

/**
 * The publish protocol. Files are create-only (same bytes = a redo, fine); the manifest is written last;
 * then versions.json and latest.json move by compare-and-swap, latest never backwards. A version is visible
 * once its manifest exists and the pointers name it, so a crash at any step leaves nothing half-visible, and
 * the next run finds the unfinished version by its content hash and completes it.
 */
export async function publishSnapshot(deps: PublishDeps, input: PublishInput): Promise<PublishResult> {
  const { store, paths, logger } = deps;
  const { content } = input;
  const latest = await readValidated(store, paths.latest, LatestPointer);
  const previousVersion = latest?.value.version ?? null;
  const previousManifest = previousVersion ? await readManifest(store, paths, previousVersion) : undefined;
  const base = {
    previousVersion,
    contentHash: content.contentHash,
    rows: content.rows,
    invalidRecords: input.invalid.count,
  };

  if (previousManifest && previousManifest.contentHash === content.contentHash) {
    await addToIndex(deps, entryOf(paths, previousManifest));
    return {
      ...base,
      status: 'unchanged',
      version: previousManifest.version,
      previousVersion: previousManifest.previousVersion,
    };
  }

  const changesFromPrevious = await changesSince(deps, previousManifest, content);
  const pending = (await versionsInStore(store, paths)).find(
    (v) => versionHash(v) === content.contentHash.slice(0, 12) && (!previousVersion || v > previousVersion),
  );
  let version =
    pending ?? versionId(nextVersionTime(deps.now(), previousVersion ?? undefined), content.contentHash);
  let changes: { changes: ChangeSet; body: Buffer };
  try {
    changes = await writeFiles(deps, content, { ...changesFromPrevious, to: version }, version);
  } catch (err) {
    if (!pending || !isConflict(err)) throw err;
    logger.warn({ version, err }, 'unfinished version does not match this content; starting a fresh one');
    version = versionId(nextVersionTime(deps.now(), pending), content.contentHash);
    changes = await writeFiles(deps, content, { ...changesFromPrevious, to: version }, version);
  }
  await deps.hooks?.afterFiles?.();

  const judgement = judgeRemovals({
    previousPartnerships: previousManifest?.rows.partnerships ?? 0,
    removedIds: changes.changes.removed.map((r) => r.id),
    withdrawnIds: new Set(input.withdrawnIds ?? []),
    maxShare: deps.maxRemovedShare ?? 0.2,
    version,
  });
  const manifest = await writeManifest(deps, input, version, previousVersion, changes, judgement);
  await deps.hooks?.afterManifest?.();

  const indexed = await addToIndex(deps, entryOf(paths, manifest), previousVersion);
  if (!indexed.duplicateOf) await writeFeeds(deps);
  if (indexed.duplicateOf) {
    logger.info(
      { version, duplicateOf: indexed.duplicateOf },
      'a racing publisher published this content first',
    );
    await deleteVersionFiles(store, paths, version);
    return { ...base, status: 'unchanged', version: indexed.duplicateOf };
  }
  if (manifest.latestHeld) {
    logger.warn(
      { version, latest: previousVersion, ...manifest.latestHeld },
      'snapshot held: latest not moved',
    );
    return {
      ...base,
      status: 'held',
      reason: manifest.latestHeld.reason,
      version,
      changes: changes.changes.summary,
      manifest,
    };
  }

  const moved = await casJson(
    store,
    paths.latest,
    LatestPointer,
    (current) =>
      current && current.version >= version
        ? { result: current.version }
        : {
            next: { version, manifestKey: paths.manifest(version), publishedAt: manifest.publishedAt },
            result: version,
          },
    { attempts: deps.casAttempts, putOptions: { contentType: MEDIA.json, cacheControl: CACHE_POINTER } },
  );
  const status = moved.wrote ? 'published' : moved.result === version ? 'unchanged' : 'superseded';
  logger.info(
    { version, status, previousVersion, rows: content.rows, invalidRecords: input.invalid.count },
    'snapshot',
  );
  return { ...base, status, version, changes: changes.changes.summary, manifest };
}

/**
 * Changes from the previous version. Its partnerships are streamed from partnerships.json (checked against
 * its manifest) and merged with the sorted register, so the previous register is never held whole.
 */
async function changesSince(
  deps: PublishDeps,
  previous: SnapshotManifest | undefined,
  content: SnapshotPlan,
): Promise<ChangeSet> {
  const { store, paths } = deps;
  if (!previous) return diffRegisters(undefined, content, null, null);
  const localAuthorities = JSON.parse(
    (await readVerified(store, paths, previous, 'local-authorities.json')).toString('utf8'),
  );
  try {
    return await diffRegistersStreaming(
      {
        partnerships: streamVersionRecords(store, paths, previous, 'partnerships.json'),
        localAuthorities,
      },
      content,
      previous.version,
      null,
    );
  } catch (err) {
    if (!(err instanceof NotSortedError)) throw err;
    deps.logger.warn(
      { version: previous.version },
      'previous partnerships are not sorted by id; diffing in memory',
    );
    return diffRegisters(await readVersionRecords(store, paths, previous), content, previous.version, null);
  }
}

async function writeFiles(
  deps: PublishDeps,
  content: SnapshotPlan,
  changes: ChangeSet,
  version: string,
): Promise<{ changes: ChangeSet; body: Buffer }> {
  await forEachLimit(content.files, PUT_CONCURRENCY, async (file) => {
    await putImmutable(deps.store, deps.paths.file(version, file.path), file, {
      contentType: file.mediaType,
      cacheControl: CACHE_IMMUTABLE,
    });
  });
  const body = jsonBytes(changes);
  await putImmutable(deps.store, deps.paths.file(version, 'changes.json'), body, {
    contentType: MEDIA.json,
    cacheControl: CACHE_IMMUTABLE,
  });
  return { changes, body };
}

async function writeManifest(
  deps: PublishDeps,
  input: PublishInput,
  version: string,
  previousVersion: string | null,
  { changes, body: changesBody }: { changes: ChangeSet; body: Buffer },
  judgement: RemovalJudgement,
): Promise<SnapshotManifest> {
  const crawls = [...input.crawls].sort((a, b) => (a.crawlId < b.crawlId ? -1 : 1));
  const from = crawls.map((c) => c.startedAt).sort()[0];
  const to = crawls
    .map((c) => c.finishedAt)
    .sort()
    .at(-1);
  const manifest: SnapshotManifest = {
    format: MANIFEST_FORMAT,
    version,
    publishedAt: deps.now().toISOString(),
    previousVersion,
    contentHash: input.content.contentHash,
    schemaVersions: { partnership: 'partnership.v1', localAuthorityProfile: 'local-authority-profile.v1' },
    trigger: input.trigger,
    crawls,
    window: from && to ? { from, to } : null,
    rows: input.content.rows,
    withdrawnPartnerships: input.withdrawn,
    invalidRecords: input.invalid,
    changes: {
      added: changes.summary.added,
      removed: changes.summary.removed,
      changed: changes.summary.changed,
    },
    ...(judgement.hold && judgement.reason
      ? {
          latestHeld: {
            reason: judgement.reason,
            removedWithoutEvidence: judgement.removedWithoutEvidence,
            previousPartnerships: judgement.previousPartnerships,
            share: judgement.share,
            maxShare: judgement.maxShare,
          },
        }
      : {}),
    attribution: [OGL_NOTICE, BOUNDARY_NOTICE, 'Local authority names and codes: mySociety (CC BY 4.0).'],
    files: [
      ...input.content.files.map((f) => ({
        path: f.path,
        bytes: f.bytes,
        sha256: f.sha256,
        mediaType: f.mediaType,
        content: true,
      })),
      {
        path: 'changes.json',
        bytes: changesBody.length,
        sha256: sha256Hex(changesBody),
        mediaType: MEDIA.json,
        content: false,
      },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const key = deps.paths.manifest(version);
  const body = jsonBytes(SnapshotManifest.parse(manifest));
  try {
    await deps.store.put(key, body, {
      ifNoneMatch: '*',
      contentType: MEDIA.json,
      cacheControl: CACHE_IMMUTABLE,
    });
    return manifest;
  } catch (err) {
    if (!isConflict(err)) throw err;
    // A redo after a crash, or a twin publishing the same version: keep the first manifest if it says the same.
    const existing = await readValidated(deps.store, key, SnapshotManifest);
    const sameFiles = (m: SnapshotManifest) => canonicalJson(m.files.map((f) => [f.path, f.sha256]));
    if (
      existing &&
      existing.value.contentHash === manifest.contentHash &&
      sameFiles(existing.value) === sameFiles(manifest)
    ) {
      return existing.value;
    }
    throw new AbepError('STORE_CONFLICT', `${key} already exists for different content`, {
      details: { key },
      cause: err,
    });
  }
}

function entryOf(paths: Layout, manifest: SnapshotManifest): VersionEntry {
  return {
    version: manifest.version,
    manifestKey: paths.manifest(manifest.version),
    publishedAt: manifest.publishedAt,
    contentHash: manifest.contentHash,
    previousVersion: manifest.previousVersion,
    partnerships: manifest.rows.partnerships,
    localAuthorities: manifest.rows.localAuthorities,
    trigger: manifest.trigger,
    outcomes: manifest.crawls.map((c) => c.outcome),
    changes: manifest.changes,
    ...(manifest.latestHeld ? { latestHeld: true } : {}),
  };
}

/**
 * Adds a version to versions.json (CAS, retried). If the index already lists a different version with the same
 * content published after `since`, a racing publisher won: nothing is added and that version is returned.
 */
async function addToIndex(
  deps: PublishDeps,
  entry: VersionEntry,
  since?: string | null,
): Promise<{ duplicateOf?: string }> {
  const { result } = await casJson<typeof VersionIndex, { duplicateOf?: string }>(
    deps.store,
    deps.paths.index,
    VersionIndex,
    (current) => {
      const versions = current?.versions ?? [];
      if (versions.some((v) => v.version === entry.version)) return { result: {} };
      const twin =
        since !== undefined
          ? versions.find((v) => v.contentHash === entry.contentHash && (since === null || v.version > since))
          : undefined;
      if (twin) return { result: { duplicateOf: twin.version } };
      const next = [...versions, entry].sort((a, b) => (a.version < b.version ? -1 : 1));
      return { next: { versions: next }, result: {} };
    },
    { attempts: deps.casAttempts, putOptions: { contentType: MEDIA.json, cacheControl: CACHE_POINTER } },
  );
  return result;
}

/**
 * feed.json (JSON Feed 1.1) and feed.atom from versions.json as it stands now. Plain puts: a publisher that
 * loses a race may leave a feed one version behind until the next publish, never a wrong entry.
 */
async function writeFeeds(deps: PublishDeps): Promise<void> {
  const index = await readValidated(deps.store, deps.paths.index, VersionIndex);
  const feeds = buildFeeds(index?.value.versions ?? []);
  const options = { cacheControl: CACHE_POINTER };
  await deps.store.put(deps.paths.feedJson, feeds.json, { ...options, contentType: 'application/feed+json' });
  await deps.store.put(deps.paths.feedAtom, feeds.atom, { ...options, contentType: 'application/atom+xml' });
}
