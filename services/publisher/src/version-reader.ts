import { AbepError, type LocalAuthorityProfileV1, type PartnershipV1 } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { readBytes } from '@abep/store';
import { sha256Hex } from './canonical.ts';
import type { Layout } from './layout.ts';
import { LatestPointer, SnapshotManifest } from './manifest.ts';
import { requireValidated } from './store-io.ts';

/** `latest` resolves through latest.json; anything else must be a version id. */
export async function resolveVersion(store: ObjectStore, paths: Layout, version: string): Promise<string> {
  if (version !== 'latest') return version;
  const pointer = await requireValidated(store, paths.latest, LatestPointer);
  return pointer.value.version;
}

export async function readManifest(
  store: ObjectStore,
  paths: Layout,
  version: string,
): Promise<SnapshotManifest> {
  const key = paths.manifest(version);
  const manifest = (await requireValidated(store, key, SnapshotManifest)).value;
  if (manifest.version !== version) {
    throw new AbepError('MANIFEST_INVALID', `${key} names version ${manifest.version}, not ${version}`, {
      details: { key },
    });
  }
  return manifest;
}

/** One file of a version, checked against the manifest's sha256 and size. */
export async function readVerified(
  store: ObjectStore,
  paths: Layout,
  manifest: SnapshotManifest,
  path: string,
): Promise<Buffer> {
  const entry = manifest.files.find((f) => f.path === path);
  const key = paths.file(manifest.version, path);
  if (!entry)
    throw new AbepError('MANIFEST_INVALID', `${paths.manifest(manifest.version)} does not list ${path}`, {
      details: { key },
    });
  const bytes = await readBytes(store, key);
  if (!bytes)
    throw new AbepError('STORE_NOT_FOUND', `${key} is listed in the manifest but missing`, {
      details: { key },
    });
  const actual = sha256Hex(bytes);
  if (actual !== entry.sha256 || bytes.length !== entry.bytes) {
    throw new AbepError(
      'CHECKSUM_MISMATCH',
      `${key}: sha256 ${actual} (${bytes.length} bytes), manifest says ${entry.sha256} (${entry.bytes} bytes)`,
      {
        details: { key, expected: entry.sha256, actual },
      },
    );
  }
  return bytes;
}

function parseArray<T>(bytes: Buffer, key: string): T[] {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (cause) {
    throw new AbepError('MANIFEST_INVALID', `${key} is not valid JSON`, { cause, details: { key } });
  }
  if (!Array.isArray(value))
    throw new AbepError('MANIFEST_INVALID', `${key} is not a JSON array`, { details: { key } });
  return value as T[];
}

/** The records a version published (checksums verified), for diffs. */
export async function readVersionRecords(
  store: ObjectStore,
  paths: Layout,
  manifest: SnapshotManifest,
): Promise<{ partnerships: PartnershipV1[]; localAuthorities: LocalAuthorityProfileV1[] }> {
  const [p, la] = await Promise.all([
    readVerified(store, paths, manifest, 'partnerships.json'),
    readVerified(store, paths, manifest, 'local-authorities.json'),
  ]);
  return {
    partnerships: parseArray<PartnershipV1>(p, paths.file(manifest.version, 'partnerships.json')),
    localAuthorities: parseArray<LocalAuthorityProfileV1>(
      la,
      paths.file(manifest.version, 'local-authorities.json'),
    ),
  };
}
