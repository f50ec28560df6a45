import { join } from 'node:path';
import { AbepError } from '@abep/schemas';
import { type ObjectStore, readBytes, readJson } from '@abep/store';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSet } from './build-changes.ts';
import { SnapshotManifest } from './manifest.ts';
import {
  diffVersions,
  downloadVersion,
  listVersions,
  promoteVersion,
  prune,
  showManifest,
} from './snapshots.ts';
import { putImmutable } from './store-io.ts';
import { partnership, profile } from './test-support/fixtures.ts';
import { publisherFor, registerBus, steppingClock, tempStore } from './test-support/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function store() {
  const s = await tempStore();
  cleanups.push(s.cleanup);
  return s.store;
}
/** Version folders holding any object, complete or not. */
async function versionFolders(s: ObjectStore): Promise<string[]> {
  const found = new Set<string>();
  for await (const o of s.list('register/versions/')) found.add(o.key.split('/')[2] as string);
  return [...found].sort();
}
async function rejection(p: Promise<unknown>): Promise<AbepError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AbepError);
  return err as AbepError;
}

const base = [partnership(1), partnership(2), partnership(3), profile('202', 'E09000007', 'Camden')];

describe('publisher on the directory store', () => {
  it('publishes a version whose manifest lists every file with bytes, sha256 and media type, then the pointers', async () => {
    const s = await store();
    const { bus } = await registerBus(base, ['not json', '{"kind":"partnership","id":"bad"}']);
    const published: unknown[] = [];
    await bus.subscribe({
      topic: 'snapshot.published.v1',
      groupId: 'watch',
      handler: async (d) => void published.push(d.value),
    });
    const result = await publisherFor(bus, s).publishNow();
    expect(result.status).toBe('published');
    expect(result.version).toMatch(/^20261124T012010Z-[0-9a-f]{12}$/);
    expect(result.version.endsWith(result.contentHash.slice(0, 12))).toBe(true);

    const latest = (await readJson(s, 'register/latest.json')) as Record<string, string>;
    expect(latest).toEqual({
      version: result.version,
      manifestKey: `register/versions/${result.version}/manifest.json`,
      publishedAt: expect.any(String),
    });
    const manifest = SnapshotManifest.parse(await readJson(s, latest.manifestKey as string));
    expect(manifest.rows).toEqual({ partnerships: 3, partnershipLocalAuthorities: 3, localAuthorities: 153 });
    expect(manifest.invalidRecords).toEqual({ count: 2, byCode: { MESSAGE_NOT_JSON: 1, SCHEMA_INVALID: 1 } });
    expect(manifest.files.map((f) => f.path)).toEqual([
      'changes.json',
      'data-dictionary.csv',
      'data-dictionary.md',
      'datapackage.json',
      'local-authorities.csv',
      'local-authorities.geojson',
      'local-authorities.json',
      'map/LICENSE-maplibre-gl.txt',
      'map/index.html',
      'map/map.css',
      'map/map.js',
      'map/maplibre-gl-worker.mjs',
      'partnership-candidates.csv',
      'partnership-candidates.json',
      'partnership-local-authorities.csv',
      'partnership-schools.csv',
      'partnership-schools.json',
      'partnerships.csv',
      'partnerships.json',
      'partnerships.parquet',
      'schema/local-authority-profile.v1.json',
      'schema/partnership.v1.json',
    ]);
    expect((await s.head(`register/versions/${result.version}/map/index.html`))?.contentType).toBe(
      'text/html; charset=utf-8',
    );
    const csv = await s.head(`register/versions/${result.version}/partnerships.csv`);
    expect(csv?.contentType).toBe('text/csv; charset=utf-8');
    expect(csv?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect((await s.head(`register/versions/${result.version}/partnerships.parquet`))?.contentType).toBe(
      'application/vnd.apache.parquet',
    );
    expect((await s.head(`register/versions/${result.version}/local-authorities.geojson`))?.contentType).toBe(
      'application/geo+json',
    );
    expect((await s.head('register/latest.json'))?.cacheControl).toBe('public, max-age=60');
    expect((await s.head('register/versions.json'))?.cacheControl).toBe('public, max-age=60');
    await new Promise((r) => setTimeout(r, 20));
    expect(published).toEqual([
      expect.objectContaining({ version: result.version, partnerships: 3, localAuthorities: 153 }),
    ]);
  });

  it('publishes nothing new when the register has not changed', async () => {
    const s = await store();
    const { bus } = await registerBus(base);
    const publisher = publisherFor(bus, s);
    const first = await publisher.publishNow();
    const second = await publisher.publishNow();
    expect(second).toMatchObject({ status: 'unchanged', version: first.version });
    expect((await listVersions({ store: s })).map((v) => v.version)).toEqual([first.version]);
  });

  it('publishes a changed register as a new version with field-by-field changes.json, and diffVersions agrees', async () => {
    const s = await store();
    const first = await publisherFor((await registerBus(base)).bus, s).publishNow();
    const next = [
      partnership(1, { name: 'Renamed Partnership' }),
      partnership(3),
      partnership(4),
      base[3] as never,
    ];
    const second = await publisherFor((await registerBus(next)).bus, s, {
      now: steppingClock(Date.parse('2026-11-25T00:00:00Z')),
      config: { maxRemovedShare: 1 },
    }).publishNow();
    expect(second.status).toBe('published');
    expect(second.version > first.version).toBe(true);
    const changes = (await readJson(s, `register/versions/${second.version}/changes.json`)) as ChangeSet;
    expect(changes.from).toBe(first.version);
    expect(changes.added).toEqual([{ id: 'abep-00000004', name: 'Partnership 4, "Learning" Trust' }]);
    expect(changes.removed).toEqual([{ id: 'abep-00000002', name: 'Partnership 2, "Learning" Trust' }]);
    expect(changes.changed).toEqual([
      {
        id: 'abep-00000001',
        name: 'Renamed Partnership',
        fields: [{ field: 'name', before: 'Partnership 1, "Learning" Trust', after: 'Renamed Partnership' }],
      },
    ]);
    expect(await diffVersions({ store: s }, first.version, 'latest')).toEqual(changes);
    const versions = await listVersions({ store: s });
    expect(versions.map((v) => [v.version, v.latest])).toEqual([
      [first.version, false],
      [second.version, true],
    ]);
  });

  it('leaves no visible version after a crash between files and manifest, and the next run completes that version', async () => {
    const s = await store();
    const { bus } = await registerBus(base);
    const crashing = publisherFor(bus, s, {
      hooks: {
        afterFiles: () => {
          throw new Error('killed');
        },
      },
    });
    await expect(crashing.publishNow()).rejects.toThrow('killed');
    expect(await s.head('register/latest.json')).toBeUndefined();
    expect(await listVersions({ store: s })).toEqual([]);

    const result = await publisherFor(bus, s, {
      now: steppingClock(Date.parse('2026-11-24T02:00:00Z')),
    }).publishNow();
    expect(result.status).toBe('published');
    expect(result.version.startsWith('20261124T012010Z-')).toBe(true);
    expect((await listVersions({ store: s })).map((v) => v.version)).toEqual([result.version]);
    expect(await versionFolders(s)).toEqual([result.version]);
  });

  it('completes a version whose manifest was written but whose pointers were not', async () => {
    const s = await store();
    const { bus } = await registerBus(base);
    const crashing = publisherFor(bus, s, {
      hooks: {
        afterManifest: () => {
          throw new Error('killed');
        },
      },
    });
    await expect(crashing.publishNow()).rejects.toThrow('killed');
    expect(await listVersions({ store: s })).toEqual([]);
    const result = await publisherFor(bus, s).publishNow();
    expect(result.status).toBe('published');
    expect((await listVersions({ store: s })).map((v) => v.version)).toEqual([result.version]);
    expect((await showManifest({ store: s }, 'latest')).version).toBe(result.version);
  });

  it('lets two racing publishers make exactly one version', async () => {
    const s = await store();
    const { bus } = await registerBus(base);
    const sameSecond = () => new Date('2026-11-24T03:00:00Z');
    const results = await Promise.all([
      publisherFor(bus, s, { now: sameSecond }).publishNow(),
      publisherFor(bus, s, { now: steppingClock(Date.parse('2026-11-24T03:00:05Z')) }).publishNow(),
    ]);
    expect(results.filter((r) => r.status === 'published')).toHaveLength(1);
    const versions = await listVersions({ store: s });
    expect(versions).toHaveLength(1);
    expect(versions[0]?.latest).toBe(true);
    expect(await versionFolders(s)).toEqual([versions[0]?.version]);
  });

  it('never moves latest backwards: a version older than latest stays listed but not latest', async () => {
    const s = await store();
    const old = await publisherFor((await registerBus(base)).bus, s, {
      now: () => new Date('2026-11-24T05:00:00Z'),
    }).publishNow();
    const slowClock = () => new Date('2026-11-20T00:00:00Z');
    const next = await publisherFor((await registerBus([partnership(8)])).bus, s, {
      now: slowClock,
      config: { maxRemovedShare: 1 },
    }).publishNow();
    expect(next.status).toBe('published');
    expect(next.version > old.version).toBe(true);
  });

  it('names the key when the previous manifest is missing or corrupt, instead of diffing against nothing', async () => {
    const s = await store();
    const first = await publisherFor((await registerBus(base)).bus, s).publishNow();
    const key = `register/versions/${first.version}/manifest.json`;
    await s.put(key, '{"format":');
    const changed = publisherFor((await registerBus([partnership(9)])).bus, s);
    const corrupt = await rejection(changed.publishNow());
    expect(corrupt.code).toBe('MANIFEST_INVALID');
    expect(corrupt.message).toContain(key);
    await s.delete(key);
    const missing = await rejection(changed.publishNow());
    expect(missing.code).toBe('STORE_NOT_FOUND');
    expect(missing.message).toContain(key);
  });

  it('refuses to overwrite an immutable file with different bytes, and accepts a redo with the same bytes', async () => {
    const s = await store();
    expect(await putImmutable(s, 'register/versions/x/a.json', Buffer.from('1'), {})).toBe('created');
    expect(await putImmutable(s, 'register/versions/x/a.json', Buffer.from('1'), {})).toBe('existing');
    const err = await rejection(putImmutable(s, 'register/versions/x/a.json', Buffer.from('2'), {}));
    expect(err.code).toBe('STORE_CONFLICT');
    expect((await readBytes(s, 'register/versions/x/a.json'))?.toString()).toBe('1');
  });

  it('downloads a version with every file verified, and refuses a tampered file', async () => {
    const s = await store();
    const { version } = await publisherFor((await registerBus(base)).bus, s).publishNow();
    const dir = await tempStore();
    cleanups.push(dir.cleanup);
    const got = await downloadVersion({ store: s }, 'latest', join(dir.store.root, 'dl'));
    expect(got.version).toBe(version);
    expect(got.files).toHaveLength(23);
    await s.put(`register/versions/${version}/partnerships.csv`, 'id\r\nforged\r\n');
    const err = await rejection(downloadVersion({ store: s }, version, join(dir.store.root, 'dl2')));
    expect(err.code).toBe('CHECKSUM_MISMATCH');
    expect(err.message).toContain('partnerships.csv');
  });

  it('publishes a version that drops too many partnerships without evidence but leaves latest, and says why', async () => {
    const s = await store();
    const ten = Array.from({ length: 10 }, (_, i) => partnership(i + 1));
    const first = await publisherFor((await registerBus(ten)).bus, s).publishNow();
    // 3 of 10 vanish, 1 more is withdrawn (merged): 30 % without evidence, above the default 20 %.
    const next = [
      ...ten.slice(0, 6),
      partnership(7, { withdrawn: { reason: 'duplicate', mergedInto: 'abep-00000001' } }),
    ];
    const held = await publisherFor((await registerBus(next)).bus, s, {
      now: steppingClock(Date.parse('2026-11-25T00:00:00Z')),
    }).publishNow();
    expect(held.status).toBe('held');
    expect(held.reason).toContain('3 of 10 partnerships (30.0%)');
    expect(((await readJson(s, 'register/latest.json')) as { version: string }).version).toBe(first.version);
    const manifest = await showManifest({ store: s }, held.version);
    expect(manifest.latestHeld).toMatchObject({ removedWithoutEvidence: 3, previousPartnerships: 10 });
    expect((await listVersions({ store: s })).map((v) => [v.version, v.latest])).toEqual([
      [first.version, true],
      [held.version, false],
    ]);
    // The same content again is the same held version, still not latest.
    const again = await publisherFor((await registerBus(next)).bus, s, {
      now: steppingClock(Date.parse('2026-11-26T00:00:00Z')),
    }).publishNow();
    expect(again).toMatchObject({ status: 'held', version: held.version });

    expect(await promoteVersion({ store: s }, held.version)).toEqual({
      version: held.version,
      status: 'promoted',
      previousLatest: first.version,
    });
    expect((await showManifest({ store: s }, 'latest')).version).toBe(held.version);
    expect((await promoteVersion({ store: s }, held.version)).status).toBe('unchanged');
    const backwards = await rejection(promoteVersion({ store: s }, first.version));
    expect(backwards.code).toBe('STORE_CONFLICT');
  });

  it('moves latest when the partnerships that left were withdrawn or merged', async () => {
    const s = await store();
    const ten = Array.from({ length: 10 }, (_, i) => partnership(i + 1));
    await publisherFor((await registerBus(ten)).bus, s).publishNow();
    const next = ten.map((p, i) =>
      i < 5 ? { ...p, withdrawn: { reason: 'duplicate', mergedInto: 'abep-0000000a' } } : p,
    );
    const result = await publisherFor((await registerBus(next)).bus, s, {
      now: steppingClock(Date.parse('2026-11-25T00:00:00Z')),
    }).publishNow();
    expect(result.status).toBe('published');
    expect(result.manifest?.latestHeld).toBeUndefined();
  });

  it('refuses to promote a version that is not listed or whose files do not match its manifest', async () => {
    const s = await store();
    const first = await publisherFor((await registerBus(base)).bus, s).publishNow();
    expect((await rejection(promoteVersion({ store: s }, '20990101T000000Z-000000000000'))).code).toBe(
      'CONFIG_INVALID',
    );
    await s.put(`register/versions/${first.version}/partnerships.csv`, 'tampered');
    expect((await rejection(promoteVersion({ store: s }, first.version))).code).toBe('CHECKSUM_MISMATCH');
  });

  it('prunes all but the newest N and never the latest', async () => {
    const s = await store();
    const clock = steppingClock();
    const versions: string[] = [];
    for (let i = 1; i <= 4; i++)
      versions.push(
        (
          await publisherFor((await registerBus([partnership(i)])).bus, s, {
            now: clock,
            config: { maxRemovedShare: 1 },
          }).publishNow()
        ).version,
      );
    const result = await prune({ store: s }, { keepNewest: 2 });
    expect(result.removed).toEqual(versions.slice(0, 2));
    expect((await listVersions({ store: s })).map((v) => v.version)).toEqual(versions.slice(2));
    expect(await s.head(`register/versions/${versions[0]}/manifest.json`)).toBeUndefined();
    expect(await s.head(`register/versions/${versions[0]}/partnerships.csv`)).toBeUndefined();
    expect((await showManifest({ store: s }, 'latest')).version).toBe(versions[3]);
  });
});
