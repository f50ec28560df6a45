import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { DirectoryStore } from './directory-store.ts';
import { readBytes } from './read.ts';

const fresh = () => ({ store: new DirectoryStore(mkdtempSync(join(tmpdir(), 'dir-store-'))), p: 'c/' });
const collect = async (store: DirectoryStore, prefix: string) => {
  const keys: string[] = [];
  for await (const info of store.list(prefix)) keys.push(info.key);
  return keys;
};
async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (err) {
    return err instanceof AbepError ? err.code : `not an AbepError: ${String(err)}`;
  }
}

// S3 takes any key up to 1024 bytes; the directory twin must too, though file names stop at 255 bytes and
// its metadata files sit beside keys (the shared S3 test server is itself file-backed, so this is not in the contract).
describe('DirectoryStore keys a file system cannot hold as they are', () => {
  it('keeps keys up to the byte limit, counted in UTF-8, and refuses longer ones', async () => {
    const { store, p } = await fresh();
    const room = 900 - Buffer.byteLength(p);
    // A 300-byte segment is past a file name's 255 bytes; 'é' is 2 bytes but 1 UTF-16 unit.
    const keys = [
      `${p}${'s'.repeat(300)}`,
      `${p}${'é'.repeat(Math.floor(room / 2))}`,
      `${p}${'d'.repeat(250)}/${'e'.repeat(250)}/${'f'.repeat(Math.max(1, room - 503))}`,
    ];
    for (const key of keys) await store.put(key, key.slice(-8));
    for (const key of keys)
      expect(await readBytes(store, key).then((b) => b?.toString())).toBe(key.slice(-8));
    expect(await collect(store, p)).toEqual(
      [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    expect(await collect(store, `${p}${'d'.repeat(250)}/`)).toEqual([keys[2]]);
    for (const key of [`${p}${'é'.repeat(513)}`, `${p}${'x'.repeat(1025)}`])
      expect(await codeOf(store.put(key, 'x'))).toBe('STORE_KEY_INVALID');
  });

  it('stores a key beside keys that look like its own bookkeeping', async () => {
    const { store, p } = await fresh();
    const keys = [`${p}x`, `${p}x.obj.json`, `${p}x.obj.json/y`, `${p}#x`, `${p}#x/y`, `${p}x/y.obj.json`];
    for (const key of keys) await store.put(key, key);
    for (const key of keys) expect(await readBytes(store, key).then((b) => b?.toString())).toBe(key);
    expect(await collect(store, p)).toEqual(
      [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
    expect(await collect(store, `${p}x.obj.json/`)).toEqual([`${p}x.obj.json/y`]);
  });
});

// A writer that crashed holding a key's lock leaves it behind; writers that find it stale take it over, and of
// two compare-and-swaps on the same ETag exactly one wins, every time (the pointer never moves backwards).
describe('DirectoryStore stale-lock takeover', () => {
  it('lets exactly one of two racing conditional writes win after a crashed writer', async () => {
    const { createHash } = await import('node:crypto');
    const { mkdir, utimes, writeFile } = await import('node:fs/promises');
    const root = mkdtempSync(join(tmpdir(), 'dir-store-lock-'));
    const [a, b] = [new DirectoryStore(root), new DirectoryStore(root)];
    const lockOf = (key: string) => join(root, 'locks', createHash('sha1').update(key).digest('hex'));
    await mkdir(join(root, 'locks'), { recursive: true });
    for (let trial = 0; trial < 40; trial++) {
      const key = `latest-${trial}.json`;
      const { etag } = await a.put(key, 'v0');
      await writeFile(lockOf(key), 'crashed-writer');
      const old = new Date(Date.now() - 60_000);
      await utimes(lockOf(key), old, old);
      const results = await Promise.allSettled([
        a.put(key, 'A', { ifMatch: etag }),
        b.put(key, 'B', { ifMatch: etag }),
      ]);
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'A' : 'B'] : []));
      expect(won, `trial ${trial}`).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect((r.reason as AbepError).code).toBe('STORE_CONFLICT');
      expect((await readBytes(a, key))?.toString()).toBe(won[0]);
    }
  }, 60_000);
});
