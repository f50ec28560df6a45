// The whole pipeline through the real Kafka broker and S3 server, every service its own process, on the
// fixture web; next to it, the raw kafkajs produce-and-consume rate of as many page.fetched messages.
// Prints figures; asserts nothing.
//   pnpm --filter @abep/tests bench [councils=60]     (ABEP_KAFKA_BROKERS, default 127.0.0.1:19092)

import { ensureTopics } from '@abep/bus-kafka';
import { measureRawKafka, pageFetchedMessages } from '@abep/bus-kafka/bench';
import { openInfra, readSettings } from '@abep/cli';
import { hostKey, topics } from '@abep/schemas';
import { createFixtureWeb, kafkaBrokers, requireService } from '@abep/testkit';
import { pagesServed, requestCrawl, waitForSnapshot } from '../e2e/support/distributed.ts';
import { deleteTopics, realEnv, s3StoreFor, testLogger } from '../e2e/support/harness.ts';
import { startAll, stopAll } from '../e2e/support/services.ts';

const CRAWL_ID = 'c-20250106T100000Z-bench1';

async function countMessages(env: Record<string, string | undefined>): Promise<Record<string, number>> {
  const infra = await openInfra(readSettings(env).infra, testLogger());
  const counts: Record<string, number> = {};
  try {
    for (const topic of ['page.fetched.v1', 'observation.extracted.v1', 'register.updated.v1'] as const) {
      let n = 0;
      for await (const _ of infra.bus.readToEnd(topic)) n++;
      counts[topic] = n;
    }
  } finally {
    await infra.close();
  }
  return counts;
}

async function main(): Promise<void> {
  const councils = Number(process.argv[2] ?? 60);
  await requireService('kafka');
  await requireService('s3');
  const fixture = await createFixtureWeb({ councils, hostile: false });
  const { env, s3Prefix, topicPrefix } = realEnv('bench');
  const rawPrefix = `${topicPrefix}raw.`;
  const started = performance.now();
  const services = await startAll(env);
  const startupMs = performance.now() - started;
  try {
    const t0 = performance.now();
    const seeds = await requestCrawl(fixture, env, CRAWL_ID);
    const snapshot = await waitForSnapshot(s3StoreFor(s3Prefix), CRAWL_ID, 1_800_000);
    const elapsedMs = performance.now() - t0;
    const rss = [...services.values()].map((s) => ({ name: s.name, peakMiB: s.peakRssKiB() / 1024 }));
    const counts = await countMessages(env);
    const pages = counts['page.fetched.v1'] ?? 0;
    const observations = counts['observation.extracted.v1'] ?? 0;
    const registerRecords = snapshot.manifest.rows.partnerships + snapshot.manifest.rows.localAuthorities;

    const brokers = kafkaBrokers();
    await ensureTopics({ brokers }, { topicPrefix: rawPrefix, topics: [topics.pageFetched] });
    const values = pageFetchedMessages(Math.max(pages, 1));
    const raw = await measureRawKafka({
      brokers,
      topic: rawPrefix + topics.pageFetched.name,
      messages: values.map((v) => ({ key: hostKey(v.url), value: Buffer.from(JSON.stringify(v)) })),
    });
    const rawMs = raw.produceMs + raw.consumeMs;
    const rawPerSec = (pages * 1000) / Math.max(rawMs, 1);
    const pagesPerSec = (pages * 1000) / elapsedMs;

    const f = (n: number) => n.toFixed(1);
    console.log(
      `fixture web: ${councils} councils, ${seeds} seeds, ${pagesServed(fixture)} requests served; services started in ${f(startupMs / 1000)} s`,
    );
    console.log(
      `pipeline (5 processes, Kafka + S3): crawl request → snapshot ${snapshot.version} in ${f(elapsedMs / 1000)} s`,
    );
    console.log(`  pages       ${pages} page.fetched      ${f(pagesPerSec)} pages/s`);
    console.log(
      `  records     ${observations} observations  ${f((observations * 1000) / elapsedMs)} obs/s; ${counts['register.updated.v1']} register.updated, ${registerRecords} snapshot rows (${snapshot.manifest.rows.partnerships} partnerships)`,
    );
    console.log(
      `raw kafkajs, ${pages} page.fetched-shaped messages: produce ${raw.producePerSec} msg/s (${raw.produceMs} ms), consume ${raw.consumePerSec} msg/s (${raw.consumeMs} ms), end to end ${f(rawPerSec)} msg/s`,
    );
    console.log(
      `ratio pipeline pages/s ÷ raw end-to-end msg/s = ${(pagesPerSec / rawPerSec).toFixed(3)} (target ≥ 0.5)`,
    );
    console.log(
      `peak RSS (VmHWM) per service: ${rss.map((r) => `${r.name} ${f(r.peakMiB)} MiB`).join(', ')}`,
    );
  } finally {
    await stopAll(services);
    await fixture.close();
    await deleteTopics(topicPrefix).catch(() => undefined);
  }
}

if (import.meta.main) await main();
