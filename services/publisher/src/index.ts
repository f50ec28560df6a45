export { createPublisher, type Publisher, type PublisherDeps, type PublishTrigger } from './app.ts';
export { type ChangeSet, diffRegisters, type FieldChange, type RecordChange } from './build-changes.ts';
export {
  buildSnapshot,
  KEEP_BYTES_UP_TO,
  MEDIA,
  type PlannedFile,
  type PlanOptions,
  planSnapshot,
  type SnapshotContent,
  type SnapshotPlan,
} from './build-snapshot.ts';
export { PublisherConfig, type PublisherConfigInput, publisherEnv } from './config.ts';
export { type Layout, layout } from './layout.ts';
export { LatestPointer, SnapshotManifest, VersionEntry, VersionIndex } from './manifest.ts';
export type { PublishResult } from './publish.ts';
export { fromRecords, type RegisterContent, readRegister } from './read-register.ts';
export { judgeRemovals, type RemovalJudgement } from './removal-guard.ts';
export {
  type DownloadResult,
  diffVersions,
  downloadVersion,
  type ListedVersion,
  listVersions,
  type PromoteResult,
  type PruneOptions,
  type PruneResult,
  promoteVersion,
  prune,
  type SnapshotsContext,
  showManifest,
} from './snapshots.ts';
export { createWebHandler, type WebHandlerDeps } from './web-handler.ts';
export { webOpenApi } from './web-openapi.ts';
