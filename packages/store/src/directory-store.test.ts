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
const byBytes = (keys: string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
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
