import { AbepError } from '@abep/schemas';
import { readBytes, readJson } from '@abep/store';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { fromRecords } from './read-register.ts';
import { diffVersions, listVersions, showManifest } from './snapshots.ts';
import { putImmutable } from './store-io.ts';
import { partnership, profile } from './test-support/fixtures.ts';
import { gazetteer, publisherFor, registerBus, tempStore } from './test-support/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
async function store() {
  const s = await tempStore();
  cleanups.push(s.cleanup);
  return s.store;
}

const records = [
  ...Array.from({ length: 30 }, (_, i) => partnership(i + 1)),
  profile('202', 'E09000007', 'Camden'),
];

describe('publishing with files made again and streamed instead of kept', () => {
  it('publishes the same version, manifest and bytes as when every file is kept in memory', async () => {
    const kept = await store();
    const streamed = await store();
    const a = await publisherFor((await registerBus(records)).bus, kept).publishNow();
    const b = await publisherFor((await registerBus(records)).bus, streamed, {
      keepBytesUpTo: 0,
    }).publishNow();
    expect(b.status).toBe('published');
    expect(b.version).toBe(a.version);
    const manifest = await showManifest({ store: streamed }, 'latest');
    expect(manifest.files).toEqual((await showManifest({ store: kept }, 'latest')).files);

    const boundaries = await gazetteer.geometry();
    const expected = buildSnapshot(fromRecords(records), gazetteer.localAuthorities, boundaries);
    for (const file of expected.files) {
      const bytes = await readBytes(streamed, `register/versions/${b.version}/${file.path}`);
      expect(bytes?.equals(file.body), file.path).toBe(true);
    }
  });

  it('diffs a changed register against the streamed previous version', async () => {
    const s = await store();
    const first = await publisherFor((await registerBus(records)).bus, s, { keepBytesUpTo: 0 }).publishNow();
    const next = [...records.slice(1), partnership(99), partnership(5, { name: 'Five' })];
    const second = await publisherFor((await registerBus(next)).bus, s, { keepBytesUpTo: 0 }).publishNow();
    expect(second.changes).toMatchObject({ added: 1, removed: 1, changed: 1, unchanged: 28 });
    const written = await readJson(s, `register/versions/${second.version}/changes.json`);
    expect(written).toEqual(await diffVersions({ store: s }, first.version, second.version));
    expect((await listVersions({ store: s })).map((v) => v.version)).toEqual([first.version, second.version]);
  });

  it('commits nothing when a file made again differs from what was hashed', async () => {
    const s = await store();
    const key = 'register/versions/x/partnerships.csv';
    const body = {
      bytes: 3,
      sha256: 'a'.repeat(64),
      chunks: () => [Buffer.from('abc')],
    };
    const err = await putImmutable(s, key, body, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AbepError);
    expect((err as AbepError).code).toBe('CHECKSUM_MISMATCH');
    expect(await s.head(key)).toBeUndefined();
  });

  it('treats a streamed redo of identical bytes as done, and different bytes as a conflict', async () => {
    const s = await store();
    const key = 'register/versions/x/a.csv';
    const same = {
      bytes: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      chunks: () => [Buffer.from('abc')],
    };
    expect(await putImmutable(s, key, same, {})).toBe('created');
    expect(await putImmutable(s, key, same, {})).toBe('existing');
    const other = {
      bytes: 3,
      sha256: 'b'.repeat(64),
      body: Buffer.from('abd'),
      chunks: () => [Buffer.from('abd')],
    };
    const err = await putImmutable(s, key, other, {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((err as AbepError).code).toBe('STORE_CONFLICT');
    expect((await readBytes(s, key))?.toString()).toBe('abc');
  });
});
