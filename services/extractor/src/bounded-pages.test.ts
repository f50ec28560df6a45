import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createBus, MemoryTransport } from '@abep/bus';
import type { Pipeline } from '@abep/extraction';
import { silentLogger } from '@abep/logger';
import { laWebsitesPipeline } from '@abep/pipelines-la-websites';
import {
  OBSERVATION_LIMITS as L,
  type MessageOf,
  ObservationV1,
  type PageFetchedV1,
  type PartnershipObservation,
} from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { eventually } from '@abep/testkit';
import { WarcWriter } from '@abep/warc';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtractor, type Extractor } from './app.ts';
import { ExtractorConfig } from './config.ts';

let dir: string | undefined;
let bus: Bus | undefined;
let extractor: Extractor | undefined;

afterEach(async () => {
  await extractor?.close();
  await bus?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  extractor = bus = dir = undefined;
});

async function run(html: string, options: { pipeline?: Pipeline; maxMessageBytes?: number } = {}) {
  dir = await mkdtemp(join(tmpdir(), 'extractor-bounds-'));
  const store = new DirectoryStore(dir);
  const transport = new MemoryTransport({ redeliveryDelayMs: 5 });
  if (options.maxMessageBytes) Object.assign(transport, { maxMessageBytes: options.maxMessageBytes });
  const b = createBus(transport, { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
  bus = b;
  const body = Buffer.from(html);
  const writer = new WarcWriter({ store, crawlId: 'crawl-1', writerId: 'test' });
  const url = 'https://www.camden.gov.uk/school-improvement';
  const pointer = await writer.append({
    url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body,
    date: '2025-01-15T10:00:00.000Z',
  });
  await writer.close();
  await pointer.stored;
  const message: PageFetchedV1 = {
    crawlId: 'crawl-1',
    pipeline: 'la-websites',
    url,
    finalUrl: url,
    depth: 1,
    status: 200,
    contentType: 'text/html',
    fetchedAt: '2025-01-15T10:00:00.000Z',
    unchanged: false,
    warc: { key: pointer.key, offset: pointer.offset, length: pointer.length },
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: body.length,
    laCode: '202',
  };
  extractor = createExtractor({
    bus: b,
    store,
    logger: silentLogger(),
    config: ExtractorConfig.parse({}),
    pipelines: [options.pipeline ?? laWebsitesPipeline],
  });
  await extractor.start();
  await b.publish('page.fetched.v1', [message]);
  const observations = await eventually(async () => {
    const out: ObservationV1[] = [];
    for await (const r of b.readToEnd('observation.extracted.v1')) if (r.ok) out.push(r.delivery.value);
    expect(out.some((o) => o.kind === 'page-examined')).toBe(true);
    return out;
  }, 60_000);
  const letters: MessageOf<'message.dead-lettered.v1'>[] = [];
  for await (const r of b.readToEnd('message.dead-lettered.v1')) if (r.ok) letters.push(r.delivery.value);
  const examined = observations.at(-1);
  if (examined?.kind !== 'page-examined') throw new Error('page-examined is not last');
  return { observations, letters, examined };
}

/** A pipeline that finds one partnership with `n` of everything, whatever the page says. */
function oversized(n: number, chars = 20): Pipeline {
  return {
    ...laWebsitesPipeline,
    extract: (page, places) => {
      const real = laWebsitesPipeline.extract(page, places);
      const examined = real.at(-1) as ObservationV1;
      const source = examined.source;
      const s = (i: number) => `School ${i}`.padEnd(chars, 'x');
      const partnership: PartnershipObservation = {
        kind: 'partnership',
        observationId: 'obs-big',
        source,
        decision: 'abep',
        reason: 'r'.repeat(n * 10),
        fields: {
          name: { value: 'Big Education Partnership', excerpt: 'Big Education Partnership' },
          aliases: Array.from({ length: n }, (_, i) => s(i)),
          memberSchools: Array.from({ length: n }, (_, i) => s(i)),
          areas: Array.from({ length: n }, (_, i) => ({ value: s(i), excerpt: 'x' })),
          description: { value: 'd'.repeat(n * 10), excerpt: 'd' },
        },
      };
      const links = Array.from({ length: n }, (_, i) => `https://p${i}.example/`);
      return [partnership, { ...examined, partnershipLinks: links } as ObservationV1];
    },
  };
}

describe('pages that yield more than a message may carry', { timeout: 90_000 }, () => {
  it.each([L.aliases - 1, L.aliases, L.aliases + 1, 2_001, 100_000])(
    '%i of each: published within the limits, cuts named on page-examined, nothing dead-lettered',
    async (n) => {
      const { observations, letters, examined } = await run('<p>x</p>', { pipeline: oversized(n) });
      expect(letters).toEqual([]);
      for (const o of observations) expect(ObservationV1.safeParse(o).success).toBe(true);
      const p = observations.find((o) => o.kind === 'partnership');
      if (p?.kind !== 'partnership') throw new Error('partnership missing');
      expect(p.fields.aliases).toHaveLength(Math.min(n, L.aliases));
      expect(p.fields.memberSchools).toHaveLength(Math.min(n, L.memberSchools));
      expect(examined.partnershipLinks?.length).toBeLessThanOrEqual(L.partnershipLinks);
      if (n > L.aliases) expect(examined.truncated).toContain(`aliases ${n}→${L.aliases}`);
      else expect(examined.truncated).toBeUndefined();
    },
  );

  it('counts the page as examined with MESSAGE_TOO_LARGE when its findings still exceed the bus limit', async () => {
    const { observations, letters, examined } = await run('<p>x</p>', {
      pipeline: oversized(1000, 40),
      maxMessageBytes: 30_000,
    });
    expect(letters).toEqual([]);
    expect(observations).toHaveLength(1);
    expect(examined.failure).toBe('MESSAGE_TOO_LARGE');
  });

  it('reads the issue page (100,000 JSON-LD alternateNames) into one bounded observation set', async () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Camden Learning Partnership',
      alternateName: Array.from({ length: 100_000 }, (_, i) => `Camden Learning Partnership ${i}`),
    };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><p>Camden Learning Partnership is the school-led education partnership for Camden.</p></body></html>`;
    const { observations, letters } = await run(html);
    expect(letters).toEqual([]);
    for (const o of observations) expect(ObservationV1.safeParse(o).success).toBe(true);
  });
});

describe('pages built to be slow to parse', { timeout: 90_000 }, () => {
  const text = '<p>Camden Learning Partnership is the school-led education partnership for Camden.</p>';
  const attrs = (n: number) =>
    `<html><body><div ${Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ')}>x</div>${text}</body></html>`;
  const nested = (n: number) => `<html><body>${'<div>'.repeat(n)}${text}${'</div>'.repeat(n)}</body></html>`;

  it.each([
    ['attributes', 255, attrs(255), undefined],
    ['attributes', 256, attrs(256), undefined],
    ['attributes', 257, attrs(257), 'attributes dropped 1'],
    ['attributes', 80_000, attrs(80_000), 'attributes dropped 79744'],
    ['nesting', 511, nested(511), undefined],
    ['nesting', 512, nested(512), undefined],
    ['nesting', 513, nested(513), 'tags deeper than 512 dropped 1'],
    ['nesting', 20_000, nested(20_000), 'tags deeper than 512 dropped 19488'],
  ])('%s %i: the page is examined, with the cut named', async (_kind, _n, html, note) => {
    const { letters, examined } = await run(html);
    expect(letters).toEqual([]);
    if (note) expect(examined.truncated).toContain(note);
    else expect(examined.truncated).toBeUndefined();
  });
});
