import { readBytes } from '@abep/store';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { partnership, profile } from './test-support/fixtures.ts';
import { publisherFor, registerBus, tempStore } from './test-support/harness.ts';

const { store, cleanup } = await tempStore();
afterAll(cleanup);

describe('the versions feeds', () => {
  it('lists every published version newest first, with counts and what changed, as JSON Feed and Atom', async () => {
    const camden = profile('202', 'E09000007', 'Camden');
    const first = await publisherFor((await registerBus([partnership(1), camden])).bus, store).publishNow();
    const second = await publisherFor(
      (await registerBus([partnership(1), partnership(2), camden])).bus,
      store,
      {
        now: () => new Date('2026-11-25T00:00:00Z'),
      },
    ).publishNow();
    expect(second.status).toBe('published');

    const json = JSON.parse((await readBytes(store, 'register/feed.json'))?.toString('utf8') ?? '{}');
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(typeof json.title).toBe('string');
    expect(json.items.map((i: { id: string }) => i.id)).toEqual([
      `urn:abep-register:version:${second.version}`,
      `urn:abep-register:version:${first.version}`,
    ]);
    expect(json.items[0].content_text).toContain('2 partnerships');
    expect(json.items[0].content_text).toContain('1 added, 0 removed, 0 changed');
    expect(json.items[0].url).toBe(`versions/${second.version}/map/index.html`);

    const atom = parseFeed((await readBytes(store, 'register/feed.atom'))?.toString('utf8') ?? '');
    expect(atom.meta.type).toBe('atom');
    expect(atom.items.map((i) => i.id)).toEqual(json.items.map((i: { id: string }) => i.id));
    expect(atom.items[0]?.published?.toISOString()).toBe(second.manifest?.publishedAt);
    expect(atom.items[0]?.description).toContain('1 added');
  }, 60_000);
});
