// pnpm bench (in services/crawler): politeness-bound efficiency of the crawl path = wall time ÷ (most pages
// on one host × per-host delay). The real path: createCrawler on the real bus (the in-process twin, and real
// Kafka when BENCH_KAFKA_BROKERS is set), real fetcher (robots.txt on), WARC capture in a directory store,
// against a loopback web whose every response waits 50–200 ms. Prints figures; asserts nothing.
//   BENCH_HOSTS (300) BENCH_MAX_PAGES (40) BENCH_DELAY_MS (200) BENCH_MODES (frontier,one-per-partition)
//   BENCH_UNIFORM=1: every host has BENCH_MAX_PAGES pages (the national simulation: BENCH_HOSTS=2000
//   BENCH_MAX_PAGES=20 BENCH_DELAY_MS=1000 BENCH_MODES=frontier BENCH_UNIFORM=1). Also prints peak RSS and the
//   store objects written per page.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bus, createMemoryBus } from '@abep/bus';
import { createKafkaBus, ensureTopics } from '@abep/bus-kafka';
import { createFetcher } from '@abep/fetcher';
import { silentLogger } from '@abep/logger';
import { DirectoryStore } from '@abep/store';
import { createCrawler } from '../src/app.ts';

const hostCount = Number(process.env.BENCH_HOSTS ?? 300);
const maxPages = Number(process.env.BENCH_MAX_PAGES ?? 40);
const delayMs = Number(process.env.BENCH_DELAY_MS ?? 200);
const modes = (process.env.BENCH_MODES ?? 'frontier,one-per-partition').split(',');
const kafkaBrokers = process.env.BENCH_KAFKA_BROKERS?.split(',').filter(Boolean);
const uniform = process.env.BENCH_UNIFORM === '1';

// Skewed page counts 1..maxPages (most hosts small, a few large; the first host has maxPages), seeded.
let seed = 11;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pagesOf = Array.from({ length: hostCount }, (_, i) =>
  i === 0 || uniform ? maxPages : 1 + Math.floor((maxPages - 1) * random() ** 3),
);
const hostName = (i: number) => `h${String(i).padStart(3, '0')}.bench.test`;
const hostIndex = new Map(pagesOf.map((_, i) => [hostName(i), i]));
const totalPages = pagesOf.reduce((a, b) => a + b, 0);

const server = createServer((req, res) => {
  const host = (req.headers.host ?? '').split(':')[0] as string;
  const pages = pagesOf[hostIndex.get(host) ?? -1] ?? 0;
  setTimeout(
    () => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      const n = req.url === '/' ? 0 : Number(/^\/p\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      if (!(n >= 0 && n < pages)) {
        res.writeHead(404).end();
        return;
      }
      const links =
        n === 0 ? Array.from({ length: pages - 1 }, (_, k) => `<a href="/p/${k + 1}">${k + 1}</a>`) : [];
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!DOCTYPE html><html><body><h1>${host} ${n}</h1>${links.join('')}<p>${'text '.repeat(400)}</p></body></html>`,
      );
    },
    50 + Math.floor(Math.random() * 151),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

async function crawlOnce(
  bus: Bus,
  maxInFlight: number,
): Promise<{ ms: number; cpuMs: number; settled: number; failed: number; objects: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'abep-frontier-bench-'));
  const logger = silentLogger();
  const fetcher = createFetcher(
    { perHostMinDelayMs: delayMs, globalConcurrency: 64, allowPrivateNetworks: ['127.0.0.1/32'] },
    { logger, lookup: async () => [{ address: '127.0.0.1', family: 4 }] },
  );
  const crawlId = `bench-${randomUUID().slice(0, 8)}`;
  const crawler = createCrawler({
    bus,
    store: new DirectoryStore(dir),
    fetcher,
    logger,
    config: { maxInFlight, groupId: `crawler-${crawlId}` },
    pipelines: { scopeFor: () => ({ maxDepth: 1, maxPagesPerHost: 1000 }) },
  });
  let settled = 0;
  let failed = 0;
  const done = Promise.withResolvers<void>();
  const count = (failure: boolean) => async (d: { value: { crawlId: string } }) => {
    if (d.value.crawlId !== crawlId) return;
    settled++;
    if (failure) failed++;
    if (settled >= totalPages) done.resolve();
  };
  const readers = [
    await bus.subscribe({
      topic: 'page.fetched.v1',
      groupId: `r-${crawlId}`,
      partitionConcurrency: 6,
      handler: count(false),
    }),
    await bus.subscribe({
      topic: 'crawl.failed.v1',
      groupId: `f-${crawlId}`,
      partitionConcurrency: 3,
      handler: count(true),
    }),
  ];
  await crawler.start();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const requestedAt = new Date().toISOString();
  await bus.publish(
    'crawl.requested.v1',
    pagesOf.map((_, i) => ({
      crawlId,
      pipeline: 'bench',
      url: `http://${hostName(i)}:${port}/`,
      depth: 0,
      requestedAt,
    })),
  );
  await done.promise;
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await crawler.close();
  for (const r of readers) await r.close();
  await fetcher.close();
  let objects = 0;
  for await (const _ of new DirectoryStore(dir).list('')) objects++;
  rmSync(dir, { recursive: true, force: true });
  return { ms, cpuMs, settled, failed, objects };
}

const boundMs = maxPages * delayMs;
console.log(
  `frontier bench: ${hostCount} hosts, ${totalPages} pages (${uniform ? maxPages : `1–${maxPages}`} per host), delay ${delayMs} ms, ` +
    `50–200 ms latency; politeness bound ${maxPages} × ${delayMs} ms = ${(boundMs / 1000).toFixed(1)} s`,
);
const buses: { name: string; open: () => Promise<Bus> }[] = [
  { name: 'embedded', open: async () => createMemoryBus() },
];
if (kafkaBrokers?.length) {
  buses.push({
    name: 'kafka',
    open: async () => {
      const topicPrefix = `bench-${randomUUID().slice(0, 8)}.`;
      await ensureTopics({ brokers: kafkaBrokers }, { topicPrefix });
      return createKafkaBus({ brokers: kafkaBrokers, topicPrefix, consumer: { maxWaitTimeMs: 100 } });
    },
  });
}
for (const { name, open } of buses) {
  for (const mode of modes) {
    const bus = await open();
    const result = await crawlOnce(bus, mode === 'frontier' ? 5000 : 1);
    await bus.close();
    console.log(
      `${`${name}, ${mode}`.padEnd(32)} ${result.settled} settled (${result.failed} failed) in ${(result.ms / 1000).toFixed(1)} s: efficiency ${(result.ms / boundMs).toFixed(2)} (target ≤ 1.3); this process used ${(result.cpuMs / 1000).toFixed(1)} s CPU (${((result.cpuMs / result.ms) * 100).toFixed(0)}% of wall), peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, ${(result.objects / result.settled).toFixed(2)} store objects per page, load average ${loadavg()[0]?.toFixed(1)}`,
    );
  }
}
server.close();
process.exit(0);
