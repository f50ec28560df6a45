import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { type ChangeSet, diffRegisters } from './build-changes.ts';
import { MEDIA } from './build-snapshot.ts';
import { canonicalJson, sha256Hex } from './canonical.ts';
import { CACHE_POINTER, isVersionId, type Layout, layout, versionTime } from './layout.ts';
import { LatestPointer, type SnapshotManifest, type VersionEntry, VersionIndex } from './manifest.ts';
import { casJson, forEachLimit, readValidated } from './store-io.ts';
import { readManifest, readVerified, readVersionRecords, resolveVersion } from './version-reader.ts';

export interface SnapshotsContext {
  store: ObjectStore;
  /** Snapshot tree prefix; default `register`. */
  prefix?: string;
}

function pathsOf(ctx: SnapshotsContext): Layout {
  return layout(ctx.prefix ?? 'register');
}

export interface ListedVersion extends VersionEntry {
  latest: boolean;
}

/** Every published version, oldest first, with the one latest.json names flagged. */
export async function listVersions(ctx: SnapshotsContext): Promise<ListedVersion[]> {
  const paths = pathsOf(ctx);
  const [index, latest] = await Promise.all([
    readValidated(ctx.store, paths.index, VersionIndex),
    readValidated(ctx.store, paths.latest, LatestPointer),
  ]);
  return (index?.value.versions ?? []).map((v) => ({ ...v, latest: v.version === latest?.value.version }));
}

/** The manifest of a version, or of the latest one. */
export async function showManifest(ctx: SnapshotsContext, version: string): Promise<SnapshotManifest> {
  const paths = pathsOf(ctx);
  return readManifest(ctx.store, paths, await resolveVersion(ctx.store, paths, version));
}

export interface DownloadResult {
  version: string;
  dir: string;
  files: { path: string; bytes: number; sha256: string }[];
}

/**
 * Downloads every file of a version into `dir`, each checked against the manifest's sha256 before it is written
 * (CHECKSUM_MISMATCH names the bad file; nothing unverified lands). manifest.json is written last.
 */
export async function downloadVersion(
  ctx: SnapshotsContext,
  version: string,
  dir: string,
): Promise<DownloadResult> {
  const paths = pathsOf(ctx);
  const manifest = await showManifest(ctx, version);
  const root = resolve(dir);
  const files: DownloadResult['files'] = [];
  const place = async (path: string, bytes: Buffer) => {
    const target = resolve(root, ...path.split('/'));
    if (!target.startsWith(root + sep))
      throw new AbepError('MANIFEST_INVALID', `manifest path escapes the directory: ${path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.part`, bytes);
    await rename(`${target}.part`, target);
  };
  await forEachLimit(manifest.files, 4, async (file) => {
    const bytes = await readVerified(ctx.store, paths, manifest, file.path);
    await place(file.path, bytes);
    files.push({ path: file.path, bytes: bytes.length, sha256: file.sha256 });
  });
  const manifestBody = Buffer.from(`${canonicalJson(manifest, 2)}\n`);
  await place('manifest.json', manifestBody);
  files.push({ path: 'manifest.json', bytes: manifestBody.length, sha256: sha256Hex(manifestBody) });
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { version: manifest.version, dir: join(root), files };
}

/** Field-by-field changes from version a to version b (either may be 'latest'); the shape of changes.json. */
export async function diffVersions(ctx: SnapshotsContext, a: string, b: string): Promise<ChangeSet> {
  const paths = pathsOf(ctx);
  const [ma, mb] = await Promise.all([showManifest(ctx, a), showManifest(ctx, b)]);
  const [ra, rb] = await Promise.all([
    readVersionRecords(ctx.store, paths, ma),
    readVersionRecords(ctx.store, paths, mb),
  ]);
  return diffRegisters(ra, rb, ma.version, mb.version);
}

export interface PromoteResult {
  version: string;
  /** promoted: latest now names `version`. unchanged: it already did. */
  status: 'promoted' | 'unchanged';
  previousLatest: string | null;
}

/**
 * Moves latest to a version on purpose (one whose publish held latest back). The version must be listed in
 * versions.json and every file must match its manifest; latest moves by compare-and-swap and never backwards:
 * promoting a version older than latest is STORE_CONFLICT (publish a new version instead).
 */
export async function promoteVersion(ctx: SnapshotsContext, version: string): Promise<PromoteResult> {
  const paths = pathsOf(ctx);
  if (!isVersionId(version)) {
    throw new AbepError('CONFIG_INVALID', `${version} is not a version id (see abep snapshots list)`);
  }
  const index = await readValidated(ctx.store, paths.index, VersionIndex);
  if (!index?.value.versions.some((v) => v.version === version)) {
    throw new AbepError('CONFIG_INVALID', `${version} is not in ${paths.index} (see abep snapshots list)`);
  }
  const manifest = await readManifest(ctx.store, paths, version);
  await forEachLimit(manifest.files, 4, async (file) => {
    await readVerified(ctx.store, paths, manifest, file.path);
  });
  const { wrote, result } = await casJson(
    ctx.store,
    paths.latest,
    LatestPointer,
    (current) => {
      const previousLatest = current?.version ?? null;
      if (current && current.version === version) return { result: { previousLatest, moved: false } };
      if (current && current.version > version) {
        throw new AbepError(
          'STORE_CONFLICT',
          `latest is ${current.version}, newer than ${version}; latest never moves backwards`,
          { details: { key: paths.latest } },
        );
      }
      return {
        next: { version, manifestKey: paths.manifest(version), publishedAt: manifest.publishedAt },
        result: { previousLatest, moved: true },
      };
    },
    { attempts: 8, putOptions: { contentType: MEDIA.json, cacheControl: CACHE_POINTER } },
  );
  return {
    version,
    status: wrote && result.moved ? 'promoted' : 'unchanged',
    previousLatest: result.previousLatest,
  };
}

export interface PruneOptions {
  keepNewest: number;
  /** Report what would go without removing anything. */
  dryRun?: boolean;
  /** Unfinished version folders (no manifest, or not in versions.json) older than this are removed too. */
  orphanAgeMs?: number;
  now?: Date;
}

export interface PruneResult {
  removed: string[];
  orphansRemoved: string[];
  kept: string[];
}

/**
 * Removes all but the newest `keepNewest` versions; latest is never removed. A version leaves versions.json
 * (CAS) before its files go, manifest first, so a reader never sees a listed version with missing files.
 */
export async function prune(ctx: SnapshotsContext, options: PruneOptions): Promise<PruneResult> {
  if (!Number.isInteger(options.keepNewest) || options.keepNewest < 1) {
    throw new AbepError('CONFIG_INVALID', `keepNewest must be a whole number ≥ 1, got ${options.keepNewest}`);
  }
  const paths = pathsOf(ctx);
  const latest = (await readValidated(ctx.store, paths.latest, LatestPointer))?.value.version;
  const plan = (versions: VersionEntry[]) => {
    const newest = new Set(
      versions
        .map((v) => v.version)
        .sort()
        .reverse()
        .slice(0, options.keepNewest),
    );
    const drop = versions.filter((v) => !newest.has(v.version) && v.version !== latest).map((v) => v.version);
    return { drop, keep: versions.map((v) => v.version).filter((v) => !drop.includes(v)) };
  };
  let removed: string[];
  let kept: string[];
  if (options.dryRun) {
    const index = await readValidated(ctx.store, paths.index, VersionIndex);
    ({ drop: removed, keep: kept } = plan(index?.value.versions ?? []));
  } else {
    const { result } = await casJson(
      ctx.store,
      paths.index,
      VersionIndex,
      (current) => {
        const p = plan(current?.versions ?? []);
        if (!current || p.drop.length === 0) return { result: p };
        return { next: { versions: current.versions.filter((v) => !p.drop.includes(v.version)) }, result: p };
      },
      { attempts: 8, putOptions: { contentType: MEDIA.json, cacheControl: CACHE_POINTER } },
    );
    ({ drop: removed, keep: kept } = result);
  }

  const keptSet = new Set(kept);
  const now = (options.now ?? new Date()).getTime();
  const orphanAge = options.orphanAgeMs ?? 24 * 3600_000;
  const folders = new Map<string, string[]>();
  for await (const info of ctx.store.list(paths.versionsDir)) {
    const id = info.key.slice(paths.versionsDir.length).split('/')[0] ?? '';
    if (!isVersionId(id)) continue;
    const keys = folders.get(id) ?? [];
    keys.push(info.key);
    folders.set(id, keys);
  }
  const orphans = [...folders.keys()].filter(
    (v) =>
      !keptSet.has(v) && !removed.includes(v) && v !== latest && now - versionTime(v).getTime() > orphanAge,
  );
  if (!options.dryRun) {
    for (const version of [...removed, ...orphans]) {
      const keys = folders.get(version) ?? [];
      const manifest = paths.manifest(version);
      if (keys.includes(manifest)) await ctx.store.delete(manifest);
      await forEachLimit(
        keys.filter((k) => k !== manifest),
        4,
        (k) => ctx.store.delete(k),
      );
    }
  }
  return { removed: removed.sort(), orphansRemoved: orphans.sort(), kept: kept.sort() };
}
