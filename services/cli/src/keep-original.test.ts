import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { DirectoryStore } from '@abep/store';
import { afterEach, describe, expect, it } from 'vitest';
import { keepOriginalIn } from './infra.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('keepOriginalIn', () => {
  it('keeps a dead letter’s whole original in the store, under dead-letters/, and returns its key', async () => {
    dir = await mkdtemp(join(tmpdir(), 'abep-keep-'));
    const store = new DirectoryStore(dir);
    const bytes = Buffer.alloc(300 * 1024, 7);
    const key = await keepOriginalIn(store)(
      { topic: 'crawl.finished.v1', partition: 2, offset: '41', sha256: 'a'.repeat(64) },
      bytes,
    );
    expect(key).toBe(`dead-letters/crawl.finished.v1/2/41-${'a'.repeat(16)}.bin`);
    const kept = await store.get(key);
    expect(kept && (await buffer(kept.body)).equals(bytes)).toBe(true);
  });
});
