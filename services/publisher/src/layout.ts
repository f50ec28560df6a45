/** Where everything lives under the configured prefix. No key is a `/`-prefix of another (S3 POSIX backends). */
export interface Layout {
  latest: string;
  index: string;
  feedJson: string;
  feedAtom: string;
  versionsDir: string;
  versionDir(version: string): string;
  file(version: string, path: string): string;
  manifest(version: string): string;
}

export function layout(prefix: string): Layout {
  const versionsDir = `${prefix}/versions/`;
  return {
    latest: `${prefix}/latest.json`,
    index: `${prefix}/versions.json`,
    feedJson: `${prefix}/feed.json`,
    feedAtom: `${prefix}/feed.atom`,
    versionsDir,
    versionDir: (version) => `${versionsDir}${version}/`,
    file: (version, path) => `${versionsDir}${version}/${path}`,
    manifest: (version) => `${versionsDir}${version}/manifest.json`,
  };
}

const VERSION_RE = /^(\d{8}T\d{6}Z)-([0-9a-f]{12})$/;

export function isVersionId(text: string): boolean {
  return VERSION_RE.test(text);
}

/** `20261124T012010Z-<first 12 hex of the content hash>`: sorts by time, names the content. */
export function versionId(at: Date, contentHash: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `${stamp}-${contentHash.slice(0, 12)}`;
}

export function versionTime(version: string): Date {
  const m = VERSION_RE.exec(version);
  if (!m) throw new Error(`not a version id: ${version}`);
  const s = m[1] as string;
  return new Date(
    `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`,
  );
}

export function versionHash(version: string): string {
  return VERSION_RE.exec(version)?.[2] ?? '';
}

/** A version stamp strictly after `after` (whole seconds), so a lagging clock never names a version that sorts before the latest. */
export function nextVersionTime(now: Date, after: string | undefined): Date {
  const floor = new Date(Math.floor(now.getTime() / 1000) * 1000);
  if (!after) return floor;
  const min = versionTime(after).getTime() + 1000;
  return floor.getTime() >= min ? floor : new Date(min);
}

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_POINTER = 'public, max-age=60';
