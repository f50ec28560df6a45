// Publishes N synthetic partnerships to a DirectoryStore in a temp dir, each size in a fresh process so peak
// RSS is its own. Prints figures; asserts nothing. Usage: node bench/publish.bench.ts [sizes...]
// The register topic is a transport that makes each message's bytes as it is read, as Kafka streams them, so
// the figures are the publisher's own (the in-process memory bus would hold every message in this process).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus, type RawMessage, type Transport } from '@abep/bus';
import { loadGazetteer } from '@abep/gazetteer';
import { silentLogger } from '@abep/logger';
import { DirectoryStore } from '@abep/store';
import { createPublisher } from '../src/app.ts';
import { partnership } from '../src/test-support/fixtures.ts';

function registerTopic(n: number): Transport {
  return {
    describe: 'synthetic register topic',
    async send() {},
    async consume() {
      return { async close() {} };
    },
    async *readToEnd(topic: string): AsyncIterable<RawMessage> {
      if (topic !== 'register.updated.v1') return;
      for (let i = 1; i <= n; i++) {
        const p = partnership(i);
        yield {
          topic,
          partition: i % 3,
          offset: String(i),
          key: `partnership:${p.id}`,
          value: Buffer.from(JSON.stringify(p)),
          headers: {},
        };
      }
    },
    async close() {},
  };
}

// ABEP_PUBLISHER_PARQUET_ROW_GROUP_ROWS=10000 measures the smaller row groups (see the README).
const rowGroupRows = Number(process.env.ABEP_PUBLISHER_PARQUET_ROW_GROUP_ROWS) || undefined;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function measure(n: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'abep-publisher-bench-'));
  try {
    const bus = createBus(registerTopic(n));
    const gazetteer = loadGazetteer();
    await gazetteer.geometry();
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    const publisher = createPublisher({
      bus,
      store: new DirectoryStore(dir),
      logger: silentLogger(),
      gazetteer,
      ...(rowGroupRows ? { config: { parquetRowGroupRows: rowGroupRows } } : {}),
    });
    const started = performance.now();
    const first = await publisher.publishNow();
    const ms = performance.now() - started;
    const peak = process.resourceUsage().maxRSS * 1024;
    const bytes = first.manifest?.files.reduce((sum, f) => sum + f.bytes, 0) ?? 0;
    process.stdout.write(
      `${JSON.stringify({ n, status: first.status, seconds: +(ms / 1000).toFixed(2), baselineRssMb: mb(baseline), peakRssMb: mb(peak), publisherRssMb: mb(peak - baseline), snapshotMb: mb(bytes) })}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await measure(Number(args[1]));
} else {
  const sizes = args.length ? args.map(Number) : [25_000, 50_000, 100_000];
  console.log(
    'publish bench: first publish of N partnerships (read register topic, build all files, write to a DirectoryStore)',
  );
  console.log('n\tseconds\tpeak RSS MB\tRSS before MB\tsnapshot MB');
  for (const n of sizes) {
    const out = execFileSync(process.execPath, ['--expose-gc', import.meta.filename, '--child', String(n)], {
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').at(-1) as string);
    console.log(`${r.n}\t${r.seconds}\t${r.peakRssMb}\t${r.baselineRssMb}\t${r.snapshotMb}`);
  }
}
