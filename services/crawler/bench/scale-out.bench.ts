// pnpm bench (in services/crawler): wall time of 1 vs 2 crawler processes in one consumer group on the real
// Kafka broker, on a latency-bound loopback web (each response 50–200 ms; every process has the same global
// concurrency, so one process is bound by it). Needs the broker (infra/kafka.sh). Prints figures; asserts nothing.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBus } from '@abep/bus';
import { createKafkaClient, KafkaTransport } from '@abep/bus-kafka';
import { topicList } from '@abep/schemas';
import { kafkaBrokers } from '@abep/testkit';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 200);
const PAGES_PER_HOST = Number(process.env.BENCH_PAGES_PER_HOST ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DELAY_MS = Number(process.env.BENCH_DELAY_MS ?? 0);
/** Long enough for the group to settle after the last member joins (rebalance timeout 5 s). */
const SETTLE_MS = 12_000;

const server = createServer((req, res) => {
  const host = (req.headers.host ?? '').split(':')[0] ?? '';
  const links =
    req.url === '/' ? Array.from({ length: PAGES_PER_HOST - 1 }, (_, k) => `<a href="/p${k}">${k}</a>`) : [];
  setTimeout(
    () => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><body><h1>${host}${req.url}</h1>${links.join('')}</body></html>`);
    },
    50 + Math.floor(Math.random() * 150),
  );
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
const here = new URL('.', import.meta.url).pathname;

async function crawl(processes: number): Promise<{ ms: number; settled: number }> {
  const prefix = `bench-scale-${processes}-${Date.now()}.`;
  const storeDir = mkdtempSync(join(tmpdir(), 'abep-scale-'));
  const transport = new KafkaTransport({
    brokers: kafkaBrokers(),
    clientId: 'bench-observer',
    topicPrefix: prefix,
  });
  await transport.ensureTopics();
  const bus = createBus(transport);
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const child = spawn(process.execPath, [`${here}scale-out-child.ts`], {
        env: {
          ...process.env,
          BENCH_NAME: `crawler-${i}`,
          BENCH_BROKERS: kafkaBrokers().join(','),
          BENCH_PREFIX: prefix,
          BENCH_STORE_DIR: storeDir,
          BENCH_CONCURRENCY: String(CONCURRENCY),
          BENCH_DELAY_MS: String(DELAY_MS),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      await new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => line === 'ready' && resolve());
        child.once('exit', (code) => reject(new Error(`crawler-${i} exited ${code}`)));
      });
    }
    const seen = new Set<string>();
    for (const topic of ['page.fetched.v1', 'crawl.failed.v1'] as const)
      await bus.subscribe({
        topic,
        groupId: `observer-${topic}`,
        handler: async ({ value }) => void seen.add(value.url),
      });
    await sleep(SETTLE_MS);
    const seeds = Array.from({ length: HOSTS }, (_, h) => `http://site${h}.test:${port}/`);
    const expected = HOSTS * PAGES_PER_HOST;
    const started = performance.now();
    await bus.publish(
      'crawl.requested.v1',
      seeds.map((url) => ({
        crawlId: 'bench',
        pipeline: 'bench',
        url,
        depth: 0,
        requestedAt: new Date().toISOString(),
      })),
    );
    while (seen.size < expected) await sleep(50);
    return { ms: performance.now() - started, settled: seen.size };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((resolve) => c.once('exit', resolve))));
    await bus.close();
    const admin = createKafkaClient({ brokers: kafkaBrokers(), clientId: 'bench-observer' }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topicList.map((t) => prefix + t.name) }).catch(() => {});
    await admin.disconnect();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

console.log(
  `scale-out: ${HOSTS} hosts × ${PAGES_PER_HOST} pages, responses 50–200 ms, concurrency ${CONCURRENCY} per process, delay ${DELAY_MS} ms, on Kafka`,
);
const one = await crawl(1);
console.log(`1 crawler process:  ${one.settled} pages in ${(one.ms / 1000).toFixed(1)} s`);
const two = await crawl(2);
console.log(`2 crawler processes: ${two.settled} pages in ${(two.ms / 1000).toFixed(1)} s`);
console.log(`speed-up: ${(one.ms / two.ms).toFixed(2)}x (target ≥ 1.7x)`);
server.close();
process.exit(0);
