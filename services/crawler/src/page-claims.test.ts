import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore } from '@abep/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPageClaims } from './page-claims.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'page-claims-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('page claims (maxPagesPerHost in the store)', () => {
  it('gives a host exactly max pages across processes racing, and a URL that holds a slot keeps it', async () => {
    const store = new DirectoryStore(dir);
    const processes = [createPageClaims(store), createPageClaims(store), createPageClaims(store)];
    const urls = Array.from({ length: 30 }, (_, i) => `http://a.test/${i}`);
    const granted = await Promise.all(
      urls.map((url, i) =>
        (processes[i % 3] as ReturnType<typeof createPageClaims>).claim('c1', 'a.test', url, 10),
      ),
    );
    expect(granted.filter(Boolean)).toHaveLength(10);
    const holder = urls[granted.indexOf(true)] as string;
    // Redelivered (after a crash or a handover) to a fresh process: still its page, not an eleventh.
    const restarted = createPageClaims(store);
    expect(await restarted.claim('c1', 'a.test', holder, 10)).toBe(true);
    expect(await restarted.claim('c1', 'a.test', 'http://a.test/new', 10)).toBe(false);
    expect(await restarted.claim('c2', 'a.test', 'http://a.test/new', 10)).toBe(true);
  });
});
