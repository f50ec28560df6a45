import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createMemoryBus } from '@abep/bus';
import { silentLogger } from '@abep/logger';
import {
  AbepError,
  type CrawlFailedV1,
  type CrawlRequestedV1,
  type MessageOf,
  type PageFetchedV1,
  type TopicName,
} from '@abep/schemas';
import { DirectoryStore, type ObjectStore } from '@abep/store';
import { readWarcRecord } from '@abep/warc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrawler } from './app.ts';
import { createFakeFetcher, type FakeRoute } from './fake-fetcher.test-helper.ts';
import { discoverLinks } from './links.ts';

const NAV = '<nav><a href="/">Home</a><a href="/education">Education</a><a href="/contact">Contact</a></nav>';
const page = (body: string) => `<!DOCTYPE html><html><body>${NAV}${body}</body></html>`;

let dir: string;
let store: DirectoryStore;
let bus: Bus;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crawler-test-'));
  store = new DirectoryStore(dir);
  bus = createMemoryBus();
});
afterEach(async () => {
  await bus.close();
  await rm(dir, { recursive: true, force: true });
});

async function read<N extends TopicName>(topic: N) {
  const out: MessageOf<N>[] = [];
  for await (const r of bus.readToEnd(topic)) if (r.ok) out.push(r.delivery.value);
  return out;
}

function request(url: string, extra: Partial<CrawlRequestedV1> = {}): CrawlRequestedV1 {
  return {
    crawlId: 'c1',
    pipeline: 'la-websites',
    url,
    depth: 0,
    requestedAt: new Date().toISOString(),
    laCode: '202',
    ...extra,
  };
}

function crawlerWith(
  routes: Record<string, FakeRoute>,
  over: { store?: ObjectStore; maxDepth?: number; maxPagesPerHost?: number; maxLinksPerPage?: number } = {},
) {
  const fetcher = createFakeFetcher(routes);
  const crawler = createCrawler({
    bus,
    store: over.store ?? store,
    fetcher,
    logger: silentLogger(),
    config: {
      warcRollMs: 20,
      ...(over.maxLinksPerPage !== undefined ? { maxLinksPerPage: over.maxLinksPerPage } : {}),
    },
    pipelines: {
      scopeFor: () => ({ maxDepth: over.maxDepth ?? 2, maxPagesPerHost: over.maxPagesPerHost ?? 100 }),
    },
  });
  return { crawler, fetcher };
}

const H = 'http://www.camden.test';
const linksPage = (n: number) =>
  `<html><body>${Array.from({ length: n }, (_, i) => `<a href="/p/${i}">${i}</a>`).join('')}</body></html>`;
/**
 * Crawling the 100,000-link page is mostly parsing it, which takes 0.5–3 s with the machine's load: its
 * timeout is 5× one parse measured here, plus vitest's 5 s default.
 */
const bigPageBudgetMs = (() => {
  const html = linksPage(100_000);
  const started = performance.now();
  discoverLinks(html, `${H}/`);
  return Math.ceil(5 * (performance.now() - started) + 5000);
})();

describe('crawler', () => {
  it('holds maxPagesPerHost across two crawler processes sharing the store', async () => {
    const routes = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`${H}/p${i}`, { html: page(`<p>${i}</p>`) }]),
    );
    const one = crawlerWith(routes, { maxPagesPerHost: 10 });
    const two = crawlerWith(routes, { maxPagesPerHost: 10 });
    for (let i = 0; i < 20; i++) await (i % 2 ? two : one).crawler.handle(request(`${H}/p${i}`));
    await Promise.all([one.crawler.close(), two.crawler.close()]);
    const fetched = await read('page.fetched.v1');
    const failed = (await read('crawl.failed.v1')) as CrawlFailedV1[];
    expect(one.fetcher.fetched.length + two.fetcher.fetched.length).toBe(10);
    expect(fetched).toHaveLength(10);
    expect(failed.map((f) => f.code)).toEqual(Array(10).fill('CRAWL_LIMIT_REACHED'));
  });

  it('asks the fetcher to wait a full delay for a host whose last request came under a lease since revoked', async () => {
    const routes = Object.fromEntries(['/a', '/b', '/c', '/d'].map((p) => [`${H}${p}`, { html: page(p) }]));
    const { crawler, fetcher } = crawlerWith(routes);
    const recontacted: string[] = [];
    fetcher.recontact = (url) => void recontacted.push(url);
    const first = new AbortController();
    await crawler.handle(request(`${H}/a`), first.signal);
    await crawler.handle(request(`${H}/b`), first.signal);
    expect(recontacted).toEqual([]);
    first.abort();
    const second = new AbortController();
    await crawler.handle(request(`${H}/c`), second.signal);
    await crawler.handle(request(`${H}/d`), second.signal);
    await crawler.close();
    expect(recontacted).toEqual([`${H}/c`]);
  });

  it('publishes page.fetched pointing at a WARC record with the same bytes, never the body', async () => {
    const html = page('<h1>Schools</h1><p>Learn Camden delivers school improvement.</p>');
    const { crawler } = crawlerWith({ [`${H}/`]: { html } });
    await crawler.handle(request(`${H}/`));
    const [fetched] = (await read('page.fetched.v1')) as PageFetchedV1[];
    expect(fetched).toMatchObject({
      url: `${H}/`,
      status: 200,
      contentType: 'text/html',
      unchanged: false,
      laCode: '202',
    });
    expect(JSON.stringify(fetched)).not.toContain('Learn Camden');
    const record = await readWarcRecord(store, fetched!.warc);
    expect(record.body.toString('utf8')).toBe(html);
    expect(createHash('sha256').update(record.body).digest('hex')).toBe(fetched!.sha256);
    expect(crawler.stats().totals).toMatchObject({ fetched: 1, inFlight: 0, queued: 0 });
    await crawler.close();
  });

  it('requests in-scope links once per crawl, with depth+1, sourceUrl and laCode carried over', async () => {
    const routes = {
      [`${H}/`]: {
        html: page('<a href="http://www.learn-camden.test/">Learn Camden</a><a href="mailto:x@y.test">m</a>'),
      },
      [`${H}/education`]: { html: page('<a href="/education/schools?utm_source=nav">Schools</a>') },
    };
    const { crawler } = crawlerWith(routes, { maxDepth: 2 });
    await crawler.handle(request(`${H}/`));
    await crawler.handle(request(`${H}/education`, { depth: 1, sourceUrl: `${H}/` }));
    const requested = await read('crawl.requested.v1');
    // The nav bar on both pages yields each link once; the home page (itself requested) is never re-requested.
    expect(requested.map((r) => [r.url, r.depth, r.sourceUrl]).sort()).toEqual([
      [`${H}/contact`, 1, `${H}/`],
      [`${H}/education`, 1, `${H}/`],
      [`${H}/education/schools`, 2, `${H}/education`],
    ]);
    expect(requested.every((r) => r.laCode === '202' && r.crawlId === 'c1')).toBe(true);
    const fetched = (await read('page.fetched.v1')).map((p) => [p.url, p.linksRequested]);
    expect(fetched).toEqual([
      [`${H}/`, 2],
      [`${H}/education`, 1],
    ]);
    await crawler.close();
  });

  it('does not request links beyond maxDepth', async () => {
    const { crawler } = crawlerWith({ [`${H}/deep`]: { html: page('') } }, { maxDepth: 2 });
    await crawler.handle(request(`${H}/deep`, { depth: 2 }));
    expect(await read('crawl.requested.v1')).toEqual([]);
    await crawler.close();
  });

  it('settles a duplicate request once, and after a restart skips it from the done marker without refetching', async () => {
    const { crawler, fetcher } = crawlerWith({ [`${H}/`]: { html: page('') } });
    await crawler.handle(request(`${H}/`));
    await crawler.handle(request(`${H}/#again`));
    await crawler.close();
    const restarted = crawlerWith({ [`${H}/`]: { html: page('') } });
    await restarted.crawler.handle(request(`${H}/`));
    expect(fetcher.fetched).toHaveLength(1);
    expect(restarted.fetcher.fetched).toHaveLength(0);
    expect(await read('page.fetched.v1')).toHaveLength(1);
    await restarted.crawler.close();
  });

  it('turns 4xx and fetch errors into crawl.failed with their codes, and counts robots blocks', async () => {
    const { crawler } = crawlerWith({
      [`${H}/gone`]: { status: 410, html: 'gone' },
      [`${H}/private`]: new AbepError('ROBOTS_DISALLOWED', 'robots.txt disallows'),
      [`${H}/loop`]: new AbepError('REDIRECT_LOOP', 'loop', { details: { attempts: 1 } }),
    });
    for (const path of ['/gone', '/private', '/loop']) await crawler.handle(request(`${H}${path}`));
    const failed = (await read('crawl.failed.v1')) as CrawlFailedV1[];
    expect(failed.map((f) => [f.url, f.code, f.status]).sort()).toEqual([
      [`${H}/gone`, 'HTTP_CLIENT_ERROR', 410],
      [`${H}/loop`, 'REDIRECT_LOOP', undefined],
      [`${H}/private`, 'ROBOTS_DISALLOWED', undefined],
    ]);
    expect(await read('page.fetched.v1')).toEqual([]);
    const host = crawler.stats().hosts.find((h) => h.host === 'www.camden.test');
    expect(host).toMatchObject({ failed: 3, robotsBlocked: 1, failedByCode: { HTTP_CLIENT_ERROR: 1 } });
    await crawler.close();
  });

  it('tells its settle listeners of each request it settles, once, with the host and outcome', async () => {
    const { crawler } = crawlerWith({
      [`${H}/`]: { html: page('') },
      [`${H}/gone`]: { status: 404, html: 'gone' },
    });
    const heard: unknown[] = [];
    const stop = crawler.onSettled((e) => heard.push(e));
    await crawler.handle(request(`${H}/`));
    await crawler.handle(request(`${H}/#again`));
    await crawler.handle(request(`${H}/gone`));
    stop();
    await crawler.handle(request(`${H}/contact`));
    expect(heard).toEqual([
      { host: 'www.camden.test', outcome: 'ok' },
      { host: 'www.camden.test', outcome: 'failed', code: 'HTTP_CLIENT_ERROR' },
    ]);
    await crawler.close();
  });

  it('settles requests over maxPagesPerHost with CRAWL_LIMIT_REACHED without fetching them', async () => {
    const { crawler, fetcher } = crawlerWith(
      { [`${H}/a`]: { html: page('') }, [`${H}/b`]: { html: page('') } },
      { maxPagesPerHost: 1 },
    );
    await crawler.handle(request(`${H}/a`));
    await crawler.handle(request(`${H}/b`));
    expect(fetcher.fetched.map((f) => f.url)).toEqual([`${H}/a`]);
    expect(((await read('crawl.failed.v1')) as CrawlFailedV1[]).map((f) => [f.url, f.code])).toEqual([
      [`${H}/b`, 'CRAWL_LIMIT_REACHED'],
    ]);
    await crawler.close();
  });

  it.each([
    [499, undefined, 499, 0],
    [500, undefined, 500, 0],
    [501, undefined, 500, 1],
    // Cut at the parse bound (1,000,000 characters): the links read past the cap are counted.
    [100_000, undefined, 500, 36_007],
    [10, 3, 3, 7],
    [10, 0, 0, 10],
  ])(
    'a page with %i in-scope links (cap %s) requests %i and counts %i dropped',
    async (n, cap, want, dropped) => {
      const { crawler } = crawlerWith(
        { [`${H}/`]: { html: linksPage(n) } },
        { maxPagesPerHost: 200_000, ...(cap !== undefined ? { maxLinksPerPage: cap } : {}) },
      );
      await crawler.handle(request(`${H}/`));
      expect(await read('crawl.requested.v1')).toHaveLength(want);
      const [fetched] = (await read('page.fetched.v1')) as PageFetchedV1[];
      expect(fetched?.linksRequested).toBe(want);
      expect(fetched?.linksDropped).toBe(dropped || undefined);
      await crawler.close();
    },
    bigPageBudgetMs,
  );

  it('requests no more links to a host than its page cap allows, across pages of the crawl', async () => {
    const links = (from: number) =>
      Array.from({ length: 8 }, (_, i) => `<a href="/p/${from + i}">${i}</a>`).join('');
    const { crawler } = crawlerWith(
      { [`${H}/`]: { html: `<html><body>${links(0)}</body></html>` }, [`${H}/x`]: { html: links(100) } },
      { maxPagesPerHost: 10 },
    );
    await crawler.handle(request(`${H}/`));
    await crawler.handle(request(`${H}/x`));
    expect(await read('crawl.requested.v1')).toHaveLength(10);
    await crawler.close();
  });

  it('sends the remembered ETag in a later crawl and publishes a 304 as unchanged, pointing at the earlier capture', async () => {
    const first = crawlerWith({ [`${H}/`]: { html: page('v1'), etag: '"abc"' } });
    await first.crawler.handle(request(`${H}/`));
    await first.crawler.close();
    const second = crawlerWith({
      [`${H}/`]: (r) => (r.conditional?.etag === '"abc"' ? { status: 304 } : { html: page('changed') }),
    });
    await second.crawler.handle(request(`${H}/`, { crawlId: 'c2' }));
    const [a, b] = (await read('page.fetched.v1')) as PageFetchedV1[];
    expect(second.fetcher.fetched[0]?.conditional).toEqual({ etag: '"abc"' });
    expect(b).toMatchObject({ crawlId: 'c2', unchanged: true, warc: a!.warc, sha256: a!.sha256 });
    expect(second.crawler.stats().totals.unchanged).toBe(1);
    await second.crawler.close();
  });

  it('throws a retriable error when the store is down, publishes nothing, and succeeds on the retry', async () => {
    let down = true;
    const flaky: ObjectStore = {
      put: (key, body, options) => {
        if (down && key.startsWith('warc/'))
          return Promise.reject(new AbepError('STORE_UNAVAILABLE', 'down', { retriable: true }));
        return store.put(key, body, options);
      },
      get: (k, o) => store.get(k, o),
      head: (k) => store.head(k),
      list: (p) => store.list(p),
      delete: (k) => store.delete(k),
    };
    const { crawler, fetcher } = crawlerWith({ [`${H}/`]: { html: page('') } }, { store: flaky });
    await expect(crawler.handle(request(`${H}/`))).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      retriable: true,
    });
    expect(await read('page.fetched.v1')).toEqual([]);
    down = false;
    await crawler.handle(request(`${H}/`));
    expect(fetcher.fetched).toHaveLength(2);
    expect(await read('page.fetched.v1')).toHaveLength(1);
    await crawler.close();
  });

  it('consumes crawl.requested from the bus when started', async () => {
    const { crawler } = crawlerWith({
      [`${H}/`]: { html: page('') },
      [`${H}/education`]: { html: page('') },
      [`${H}/contact`]: { html: page('') },
    });
    await crawler.start();
    await bus.publish('crawl.requested.v1', [request(`${H}/`)]);
    const deadline = Date.now() + 5000;
    while ((await read('page.fetched.v1')).length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(((await read('page.fetched.v1')) as PageFetchedV1[]).map((p) => p.url).sort()).toEqual([
      `${H}/`,
      `${H}/contact`,
      `${H}/education`,
    ]);
    await crawler.close();
  });
});
