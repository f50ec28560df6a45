// Crawlee's CheerioCrawler on the same pages, in its own process, storage in memory only (nothing on disk).
import { CheerioCrawler, Configuration, log } from 'crawlee';

const seeds = JSON.parse(process.env.BENCH_SEEDS ?? '[]') as string[];
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
log.setLevel(log.LEVELS.WARNING);
const config = new Configuration({ persistStorage: false, purgeOnStart: true });
let pages = 0;
const crawler = new CheerioCrawler(
  {
    minConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRequestRetries: 0,
    async requestHandler({ enqueueLinks }) {
      pages++;
      await enqueueLinks();
    },
  },
  config,
);
const started = performance.now();
const stats = await crawler.run(seeds);
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    name: 'crawlee CheerioCrawler',
    pages,
    failed: stats.requestsFailed,
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
process.exit(0);
