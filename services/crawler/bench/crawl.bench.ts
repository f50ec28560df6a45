// pnpm bench (in services/crawler): pages/s and peak RSS of our crawler vs Crawlee's CheerioCrawler on the
// same loopback fixture web (≥ 5,000 pages), each in its own child process. Prints figures; asserts nothing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createFixtureWeb } from '@abep/testkit';

const run = promisify(execFile);
const hosts = Number(process.env.BENCH_HOSTS ?? 50);
const pagesPerHost = Number(process.env.BENCH_PAGES_PER_HOST ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);

interface Result {
  name: string;
  pages: number;
  failed: number;
  ms: number;
  maxRssMb: number;
}

const web = await createFixtureWeb({
  councils: 0,
  hostile: false,
  large: { hosts, pagesPerHost, fanout: 10 },
});
const large = web.manifest.large;
if (!large) throw new Error('fixture web has no large mode');
const env = {
  ...process.env,
  BENCH_SEEDS: JSON.stringify(large.seeds),
  BENCH_PAGES: String(large.pages.length),
  BENCH_CONCURRENCY: String(concurrency),
};
const here = new URL('.', import.meta.url).pathname;

async function child(args: string[]): Promise<Result> {
  const { stdout } = await run(process.execPath, args, { env, cwd: here, maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Result;
}

console.log(
  `fixture web: ${large.pages.length} pages on ${hosts} hosts, concurrency ${concurrency}, politeness off`,
);
const ours = await child([`${here}abep-child.ts`]);
const crawlee = await child(['--import', `${here}loopback-dns.ts`, `${here}crawlee-child.ts`]);
await web.close();

const rate = (r: Result) => r.pages / (r.ms / 1000);
for (const r of [ours, crawlee]) {
  console.log(
    `${r.name.padEnd(24)} ${String(r.pages).padStart(6)} pages (${r.failed} failed) in ${(r.ms / 1000).toFixed(1)} s = ${rate(r).toFixed(0)} pages/s, peak RSS ${r.maxRssMb.toFixed(0)} MB`,
  );
}
console.log(
  `ratio: ${(rate(ours) / rate(crawlee)).toFixed(2)}x Crawlee's pages/s at ${((ours.maxRssMb / crawlee.maxRssMb) * 100).toFixed(0)}% of its peak RSS ` +
    '(ours also writes gzipped WARC records, done-markers and validators to a directory store; Crawlee stores nothing)',
);
