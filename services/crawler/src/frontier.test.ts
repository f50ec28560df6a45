import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createMemoryBus, partitionFor } from '@abep/bus';
import { createFetcher, type Fetcher } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { topics } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { eventually } from '@abep/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Crawler, createCrawler } from './app.ts';

const SLOW = 'slow.test';
const CRAWL_DELAY_S = 5;
const PAGES = ['/', '/a', '/b'];

/** 20 host names on the same crawl.requested partition as the slow host. */
function fastHosts(): string[] {
  const partition = partitionFor(SLOW, topics.crawlRequested.partitions);
  const names: string[] = [];
  for (let i = 0; names.length < 20; i++) {
    const name = `fast${i}.test`;
    if (partitionFor(name, topics.crawlRequested.partitions) === partition) names.push(name);
  }
  return names;
}

/** One loopback server for every host; records each request's arrival (server side) per host. */
async function startWeb(): Promise<{ server: Server; port: number; arrivals: Map<string, number[]> }> {
  const arrivals = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0] as string;
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(host === SLOW ? `User-agent: *\nCrawl-delay: ${CRAWL_DELAY_S}\n` : 'User-agent: *\nAllow: /\n');
      return;
    }
    arrivals.set(host, [...(arrivals.get(host) ?? []), Date.now()]);
    const links = req.url === '/' ? PAGES.map((p) => `<a href="${p}">${p}</a>`).join('') : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><html><body><h1>${host}${req.url}</h1>${links}</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, arrivals };
}

describe('crawler frontier over the in-process bus', { timeout: 60_000 }, () => {
  let dir: string;
  let bus: Bus;
  let fetcher: Fetcher;
  let crawler: Crawler;
  let web: Awaited<ReturnType<typeof startWeb>>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crawler-frontier-'));
    bus = createMemoryBus();
    web = await startWeb();
    fetcher = createFetcher(
      {
        perHostMinDelayMs: 100,
        globalConcurrency: 8,
        allowPrivateNetworks: ['127.0.0.1/32'],
        maxCrawlDelayMs: 10_000,
      },
      { logger: silentLogger(), lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
    );
  });
  afterEach(async () => {
    await crawler?.close();
    await fetcher.close();
    await bus.close();
    await new Promise((r) => web.server.close(r));
    await rm(dir, { recursive: true, force: true });
  });

  async function crawl(maxInFlight: number) {
    crawler = createCrawler({
      bus,
      store: new DirectoryStore(dir),
      fetcher,
      logger: silentLogger(),
      config: {
        maxInFlight,
        warcRollMs: 50,
        defaultScope: { registrableDomains: 'same-as-seed', maxDepth: 1, maxPagesPerHost: 10 },
      },
    });
    await crawler.start();
    const hosts = [SLOW, ...fastHosts()];
    const requestedAt = new Date().toISOString();
    await bus.publish(
      'crawl.requested.v1',
      hosts.map((host) => ({
        crawlId: 'c1',
        pipeline: 'la-websites',
        url: `http://${host}:${web.port}/`,
        depth: 0,
        requestedAt,
      })),
    );
    const settled: string[] = [];
    await bus.subscribe({
      topic: 'page.fetched.v1',
      groupId: 'test-reader',
      handler: async (d) => {
        settled.push(d.value.url);
      },
    });
    await eventually(() => expect(settled).toHaveLength(hosts.length * PAGES.length), 45_000, 100);
    return settled;
  }

  it('a host with a 5 s Crawl-delay on the same partition as 20 fast hosts does not slow them', async () => {
    const settled = await crawl(5000);
    const slowSecond = settled.findIndex((url) => new URL(url).hostname === SLOW && !url.endsWith('/'));
    const fastLast = Math.max(
      ...settled.map((url, i) => (new URL(url).hostname === SLOW ? -1 : i)).filter((i) => i >= 0),
    );
    expect(fastLast).toBeLessThan(slowSecond);
    // Politeness, from the server's clock: the slow host's requests are Crawl-delay apart. The server sees
    // arrivals, not starts, and one request's transit can be slower than the next's on a busy machine.
    const transitMs = 60;
    const slow = web.arrivals.get(SLOW) ?? [];
    expect(slow).toHaveLength(PAGES.length);
    for (let i = 1; i < slow.length; i++)
      expect((slow[i] as number) - (slow[i - 1] as number)).toBeGreaterThanOrEqual(
        CRAWL_DELAY_S * 1000 - transitMs,
      );
    for (const host of fastHosts()) {
      const at = web.arrivals.get(host) ?? [];
      for (let i = 1; i < at.length; i++)
        expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(100 - transitMs);
    }
  });
});
