import { silentLogger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.ts';
import type { Fetcher } from './fetcher.ts';
import type { FetcherConfigInput } from './fetcher-config.ts';
import {
  type Handler,
  html,
  loopbackLookup,
  redirect,
  startTestServer,
  type TestServer,
} from './test-server.ts';

/**
 * The client spaces request starts; the server sees arrivals, and the first request to a host also pays for
 * connecting while later ones reuse the socket, so arrivals can be a little closer than starts — more so on a
 * loaded 2-core CI machine. The allowance is well under every delay tested (100 ms and up).
 */
const JITTER_MS = 20;

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

function fetcherFor(overrides: FetcherConfigInput = {}): Fetcher {
  const fetcher = createFetcher(
    {
      allowPrivateNetworks: ['127.0.0.0/8'],
      perHostMinDelayMs: 0,
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 },
      ...overrides,
    },
    { logger: silentLogger(), lookup: loopbackLookup },
  );
  cleanup.push(() => fetcher.close());
  return fetcher;
}

async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  const server = await startTestServer(routes);
  cleanup.push(() => server.close());
  return server;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof AbepError ? error.code : String(error);
  }
}

const robotsTxt =
  (text: string): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
const slowPage =
  (ms: number): Handler =>
  (_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>'), ms);
  };
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));

describe('robots.txt', () => {
  it('a disallowed path → ROBOTS_DISALLOWED and is never requested; robots.txt is fetched once', async () => {
    const server = await serve({
      '/robots.txt': robotsTxt('User-agent: *\nDisallow: /private/\n'),
      '/private/staff': html('<p>no</p>'),
      '/public': html('<p>yes</p>'),
    });
    const fetcher = fetcherFor();
    expect(await codeOf(fetcher.fetch({ url: server.url('/private/staff') }))).toBe('ROBOTS_DISALLOWED');
    expect((await fetcher.fetch({ url: server.url('/public') })).status).toBe(200);
    await fetcher.fetch({ url: server.url('/public') });
    expect(server.hits('/private/staff')).toHaveLength(0);
    expect(server.hits('/robots.txt')).toHaveLength(1);
    expect(server.hits('/robots.txt')[0]?.headers['user-agent']).toMatch(/^abep-register\//);
  });

  it('obeys the group for our product token over the * group', async () => {
    const server = await serve({
      '/robots.txt': robotsTxt('User-agent: *\nDisallow: /\n\nUser-agent: abep-register\nDisallow: /admin\n'),
      '/schools': html('<p>ok</p>'),
    });
    const fetcher = fetcherFor();
    expect((await fetcher.fetch({ url: server.url('/schools') })).status).toBe(200);
    expect(await codeOf(fetcher.fetch({ url: server.url('/admin') }))).toBe('ROBOTS_DISALLOWED');
  });

  it('checks robots.txt of every redirect hop', async () => {
    const server = await serve({
      '/robots.txt': robotsTxt('User-agent: *\nDisallow: /members\n'),
      '/go': redirect('/members/list'),
    });
    expect(await codeOf(fetcherFor().fetch({ url: server.url('/go') }))).toBe('ROBOTS_DISALLOWED');
    expect(server.hits('/members/list')).toHaveLength(0);
  });

  it('exposes sitemaps and the crawl delay', async () => {
    const server = await serve({
      '/robots.txt': robotsTxt(
        'Sitemap: https://example.org/sitemap.xml\nUser-agent: *\nCrawl-delay: 2\nSitemap: https://example.org/news.xml\n',
      ),
    });
    const robots = await fetcherFor().robots(server.url('/anything'));
    expect(robots).toMatchObject({ status: 'parsed', crawlDelayMs: 2000 });
    expect(robots.sitemaps).toEqual(['https://example.org/sitemap.xml', 'https://example.org/news.xml']);
  });

  it('follows a redirected robots.txt', async () => {
    const server = await serve({
      '/robots.txt': redirect('/real-robots.txt', 301),
      '/real-robots.txt': robotsTxt('User-agent: *\nDisallow: /x\n'),
    });
    const robots = await fetcherFor().robots(server.url('/'));
    expect(robots.isAllowed(server.url('/x'))).toBe(false);
    expect(robots.isAllowed(server.url('/y'))).toBe(true);
  });

  it('a robots.txt that 404s allows everything', async () => {
    const server = await serve({ '/page': html('<p>ok</p>') });
    const fetcher = fetcherFor();
    expect((await fetcher.fetch({ url: server.url('/page') })).status).toBe(200);
    expect((await fetcher.robots(server.url('/'))).status).toBe('missing');
  });

  it('a robots.txt that 5xxs → ROBOTS_UNAVAILABLE (retriable), nothing fetched, not re-asked within the error TTL', async () => {
    const server = await serve({
      '/robots.txt': (_req, res) => res.writeHead(503).end(),
      '/page': html('<p>ok</p>'),
    });
    const fetcher = fetcherFor();
    let error: unknown;
    try {
      await fetcher.fetch({ url: server.url('/page') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AbepError);
    expect((error as AbepError).code).toBe('ROBOTS_UNAVAILABLE');
    expect((error as AbepError).retriable).toBe(true);
    expect(await codeOf(fetcher.fetch({ url: server.url('/page') }))).toBe('ROBOTS_UNAVAILABLE');
    expect(server.hits('/page')).toHaveLength(0);
    // Asked maxAttempts (2) times, then held for the error TTL.
    expect(server.hits('/robots.txt')).toHaveLength(2);
  });

  it('a robots.txt that fails once is asked again: one slow or failing answer does not shut the site', async () => {
    let asked = 0;
    const server = await serve({
      '/robots.txt': (req, res) => {
        asked++;
        if (asked === 1) {
          req.socket.destroy();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n');
      },
      '/page': html('<p>ok</p>'),
    });
    const fetcher = fetcherFor();
    expect((await fetcher.fetch({ url: server.url('/page') })).status).toBe(200);
    expect(await codeOf(fetcher.fetch({ url: server.url('/private') }))).toBe('ROBOTS_DISALLOWED');
    expect(server.hits('/robots.txt')).toHaveLength(2);
  });

  it('Crawl-delay spaces requests to the host even with no configured delay', async () => {
    const server = await serve({
      '/robots.txt': robotsTxt('User-agent: *\nCrawl-delay: 0.4\n'),
      '/a': html('a'),
      '/b': html('b'),
      '/c': html('c'),
    });
    const fetcher = fetcherFor({ perHostConcurrency: 3 });
    await Promise.all(['/a', '/b', '/c'].map((p) => fetcher.fetch({ url: server.url(p) })));
    const pages = server.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    expect(pages).toHaveLength(3);
    for (const gap of gaps(pages)) expect(gap).toBeGreaterThanOrEqual(400 - JITTER_MS);
  });
});

describe('politeness', () => {
  it('never more than perHostConcurrency in flight, starts spaced by perHostMinDelayMs', async () => {
    const routes: Record<string, Handler> = {};
    for (let i = 0; i < 6; i++) routes[`/p${i}`] = slowPage(250);
    const server = await serve(routes);
    const fetcher = fetcherFor({ respectRobots: false, perHostConcurrency: 2, perHostMinDelayMs: 100 });
    const asked = performance.now();
    const all = Promise.all(Object.keys(routes).map((p) => fetcher.fetch({ url: server.url(p) })));
    await new Promise((r) => setTimeout(r, 150));
    const state = fetcher.hosts().find((h) => h.host === `127.0.0.1:${server.port}`);
    expect(state).toMatchObject({ inFlight: 1, queued: 5, waitingFor: 'politeness' });
    await all;
    expect(server.maxInFlight()).toBe(2);
    const starts = server.requests.map((r) => r.at);
    // A host met for the first time waits one delay: another process may have just started a request to it.
    expect((starts[0] as number) - asked).toBeGreaterThanOrEqual(100 - JITTER_MS);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(100 - JITTER_MS);
  });

  it('globalConcurrency caps requests in flight across hosts', async () => {
    let inFlight = 0;
    let peak = 0;
    const counted: Handler = (_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html' }).end('x');
      }, 100);
    };
    const servers = await Promise.all([1, 2, 3].map(() => serve({ '/x': counted })));
    const fetcher = fetcherFor({ respectRobots: false, perHostConcurrency: 2, globalConcurrency: 2 });
    await Promise.all(
      servers.flatMap((s) => [fetcher.fetch({ url: s.url('/x') }), fetcher.fetch({ url: s.url('/x') })]),
    );
    expect(peak).toBe(2);
  });
});
