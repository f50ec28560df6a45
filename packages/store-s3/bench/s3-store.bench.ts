// Prints throughput and latency figures for S3Store against the real S3 server; never asserts timings.
// Run: bash infra/s3.sh start && pnpm --filter @abep/store-s3 bench
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { requireService, s3TestConfig, uniqueId } from '@abep/testkit';
import { createS3Store } from '../src/index.ts';

const MiB = 1024 * 1024;
await requireService('s3');
const store = createS3Store({ ...s3TestConfig(), prefix: `bench/${uniqueId('b')}` });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(label: string, n: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const total = performance.now() - started;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} ${String(n).padStart(5)} ops  c=${String(concurrency).padEnd(3)} ${(n / (total / 1000)).toFixed(0).padStart(6)} ops/s  p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
}

const small = randomBytes(1024);
await timed('put 1 KiB', 200, 1, (i) => store.put(`small/${i}`, small));
await timed('put 1 KiB', 400, 16, (i) => store.put(`small-c/${i}`, small));
await timed('put 1 KiB create-only (ifNoneMatch *)', 200, 16, (i) =>
  store.put(`create/${i}`, small, { ifNoneMatch: '*' }),
);
await timed('head', 200, 16, (i) => store.head(`small/${i}`));
await timed('get 1 KiB', 200, 16, async (i) => {
  const object = await store.get(`small/${i}`);
  for await (const _ of object?.body ?? []);
});
let t = performance.now();
let listed = 0;
for await (const _ of store.list('small-c/')) listed++;
console.log(`list ${listed} keys (1000 per page)`.padEnd(44), `${(performance.now() - t).toFixed(0)} ms`);

const size = 96 * MiB;
const chunk = randomBytes(MiB);
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 20);
t = performance.now();
await store.put(
  'big/object',
  Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += MiB) yield chunk;
    })(),
  ),
  { ifNoneMatch: '*' },
);
const putMs = performance.now() - t;
clearInterval(sampler);
console.log(
  `streamed put ${size / MiB} MiB (8 MiB parts, 2 in flight)`.padEnd(44),
  `${(size / MiB / (putMs / 1000)).toFixed(0)} MiB/s, ${putMs.toFixed(0)} ms, RSS growth ${((rssPeak - rssBefore) / MiB).toFixed(0)} MiB`,
);
t = performance.now();
let read = 0;
for await (const part of (await store.get('big/object'))?.body ?? []) read += (part as Buffer).length;
const getMs = performance.now() - t;
console.log(
  `streamed get ${read / MiB} MiB`.padEnd(44),
  `${(read / MiB / (getMs / 1000)).toFixed(0)} MiB/s, ${getMs.toFixed(0)} ms`,
);

const keys: string[] = [];
for await (const info of store.list('')) keys.push(info.key);
await timed('delete (cleanup)', keys.length, 16, (i) => store.delete(keys[i] as string));
store.destroy();
