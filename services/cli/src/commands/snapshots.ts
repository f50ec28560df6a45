import {
  diffVersions,
  downloadVersion,
  listVersions,
  promoteVersion,
  prune,
  showManifest,
} from '@abep/publisher';
import type { ObjectStore } from '@abep/store';
import { diffText, listText, pruneText, showText } from '../snapshot-text.ts';

export interface SnapshotCommandContext {
  store: ObjectStore;
  prefix: string;
  print: (value: unknown, text: () => string) => void;
}

export async function snapshotsList(ctx: SnapshotCommandContext): Promise<void> {
  const versions = await listVersions({ store: ctx.store, prefix: ctx.prefix });
  ctx.print(versions, () => listText(versions));
}

export async function snapshotsPromote(ctx: SnapshotCommandContext, version: string): Promise<void> {
  const result = await promoteVersion({ store: ctx.store, prefix: ctx.prefix }, version);
  ctx.print(result, () =>
    result.status === 'promoted'
      ? `latest moved from ${result.previousLatest ?? '(none)'} to ${result.version}`
      : `latest already is ${result.version}`,
  );
}

export async function snapshotsShow(ctx: SnapshotCommandContext, version: string): Promise<void> {
  const manifest = await showManifest({ store: ctx.store, prefix: ctx.prefix }, version);
  ctx.print(manifest, () => showText(manifest));
}

export async function snapshotsDownload(
  ctx: SnapshotCommandContext,
  version: string,
  dir: string,
): Promise<void> {
  const result = await downloadVersion({ store: ctx.store, prefix: ctx.prefix }, version, dir);
  ctx.print(
    result,
    () => `downloaded ${result.version} to ${dir}: ${result.files.length} files, checksums verified`,
  );
}

export async function snapshotsDiff(ctx: SnapshotCommandContext, a: string, b: string): Promise<void> {
  const changes = await diffVersions({ store: ctx.store, prefix: ctx.prefix }, a, b);
  ctx.print(changes, () => diffText(changes));
}

export async function snapshotsPrune(
  ctx: SnapshotCommandContext,
  keepNewest: number,
  dryRun: boolean,
): Promise<void> {
  const result = await prune({ store: ctx.store, prefix: ctx.prefix }, { keepNewest, dryRun });
  ctx.print(result, () => pruneText(result, dryRun));
}
