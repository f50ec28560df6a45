import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
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

function entryOf(paths: Layout, manifest: SnapshotManifest, path: string) {
  const entry = manifest.files.find((f) => f.path === path);
  if (!entry)
    throw new AbepError('MANIFEST_INVALID', `${paths.manifest(manifest.version)} does not list ${path}`, {
      details: { key: paths.file(manifest.version, path) },
    });
  return entry;
}

function mismatch(key: string, actual: string, bytes: number, entry: { sha256: string; bytes: number }) {
  return new AbepError(
    'CHECKSUM_MISMATCH',
    `${key}: sha256 ${actual} (${bytes} bytes), manifest says ${entry.sha256} (${entry.bytes} bytes)`,
    { details: { key, expected: entry.sha256, actual } },
  );
}

/**
 * The records of a version's JSON file (one record per line, as the publisher writes them), streamed and
 * parsed a line at a time; the file is checked against the manifest's sha256 and size when it ends, so a
 * caller must finish the iteration before trusting what it built.
 */
export async function* streamVersionRecords<T>(
  store: ObjectStore,
  paths: Layout,
  manifest: SnapshotManifest,
  path: string,
): AsyncGenerator<T> {
  const entry = entryOf(paths, manifest, path);
  const key = paths.file(manifest.version, path);
  const object = await store.get(key);
  if (!object)
    throw new AbepError('STORE_NOT_FOUND', `${key} is listed in the manifest but missing`, {
      details: { key },
    });
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  let rest = '';
  let lineNo = 0;
  const parseLine = (line: string): T | undefined => {
    lineNo++;
    const text = line.endsWith(',') ? line.slice(0, -1) : line;
    if (text === '[' || text === ']' || text === '[]' || text === '') return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new AbepError('MANIFEST_INVALID', `${key} line ${lineNo} is not one JSON record`, {
        cause,
        details: { key },
      });
    }
  };
  for await (const chunk of object.body) {
    hash.update(chunk as Uint8Array);
    bytes += (chunk as Uint8Array).length;
    rest += decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      const record = parseLine(rest.slice(start, nl));
      start = nl + 1;
      if (record !== undefined) yield record;
    }
    rest = rest.slice(start);
  }
  const last = parseLine(rest + decoder.end());
  if (last !== undefined) yield last;
  const actual = hash.digest('hex');
  if (actual !== entry.sha256 || bytes !== entry.bytes) throw mismatch(key, actual, bytes, entry);
}

/** One file of a version, checked against the manifest's sha256 and size. */
export async function readVerified(
  store: ObjectStore,
  paths: Layout,
  manifest: SnapshotManifest,
  path: string,
): Promise<Buffer> {
  const entry = entryOf(paths, manifest, path);
  const key = paths.file(manifest.version, path);
  const bytes = await readBytes(store, key);
  if (!bytes)
    throw new AbepError('STORE_NOT_FOUND', `${key} is listed in the manifest but missing`, {
      details: { key },
    });
  const actual = sha256Hex(bytes);
  if (actual !== entry.sha256 || bytes.length !== entry.bytes)
    throw mismatch(key, actual, bytes.length, entry);
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
