import { silentLogger } from '@abep/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from './metrics.ts';
import { type OpsServer, startOpsServer } from './ops-server.ts';

const servers: OpsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(readiness: Record<string, () => Promise<void>> = {}, maxHosts?: number) {
  const metrics = createMetrics({ service: 'crawler', ...(maxHosts === undefined ? {} : { maxHosts }) });
  const server = await startOpsServer({
    port: 0,
    metrics,
    readiness,
    logger: silentLogger(),
    checkTimeoutMs: 200,
  });
  servers.push(server);
  return { metrics, server };
}

function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('ops server', () => {
  it('serves Prometheus metrics with the service label, process metrics and the counts services recorded', async () => {
    const { metrics, server } = await start();
    metrics.messageHandled('page.fetched.v1', 'ok');
    metrics.messageHandled('page.fetched.v1', 'ok');
    metrics.messageHandled('page.fetched.v1', 'dead_lettered');
    metrics.pageFetched('www.Leeds.gov.uk', 'ok');
    metrics.fetchFailed('FETCH_TIMEOUT');
    metrics.fetchDuration(0.3);
    metrics.handlerDuration('page.fetched.v1', 0.02);
    metrics.consumerLag([{ topic: 'crawl.requested.v1', partition: 2, group: 'abep-crawler', lag: 41 }]);
    metrics.hostQueueDepth('www.leeds.gov.uk', 7);
    metrics.recordsPublished(153);
    metrics.snapshotVersionPublished();

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      'abep_messages_handled_total',
      'abep_pages_fetched_total',
      'abep_fetch_failures_total',
      'abep_fetch_duration_seconds',
      'abep_handler_duration_seconds',
      'abep_consumer_lag',
      'abep_host_queue_depth',
      'abep_records_published_total',
      'abep_snapshot_versions_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(
      sample(text, 'abep_messages_handled_total{topic="page.fetched.v1",outcome="ok",service="crawler"}'),
    ).toBe(2);
    expect(
      sample(
        text,
        'abep_messages_handled_total{topic="page.fetched.v1",outcome="dead_lettered",service="crawler"}',
      ),
    ).toBe(1);
    expect(
      sample(text, 'abep_pages_fetched_total{host="www.leeds.gov.uk",outcome="ok",service="crawler"}'),
    ).toBe(1);
    expect(sample(text, 'abep_fetch_failures_total{code="FETCH_TIMEOUT",service="crawler"}')).toBe(1);
    expect(sample(text, 'abep_fetch_duration_seconds_count{service="crawler"}')).toBe(1);
    expect(
      sample(
        text,
        'abep_consumer_lag{topic="crawl.requested.v1",partition="2",group="abep-crawler",service="crawler"}',
      ),
    ).toBe(41);
    expect(sample(text, 'abep_records_published_total{service="crawler"}')).toBe(153);
    expect(sample(text, 'abep_snapshot_versions_total{service="crawler"}')).toBe(1);
  });

  it('caps distinct host labels so a crawl of many sites cannot explode the series count', async () => {
    const { metrics, server } = await start({}, 3);
    for (let i = 0; i < 50; i++) metrics.pageFetched(`host${i}.example.org`, 'ok');
    metrics.pageFetched('HOST0.example.org', 'failed');
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const hosts = new Set(
      text
        .split('\n')
        .filter((l) => l.startsWith('abep_pages_fetched_total{'))
        .map((l) => /host="([^"]+)"/.exec(l)?.[1]),
    );
    expect([...hosts].sort()).toEqual([
      'host0.example.org',
      'host1.example.org',
      'host2.example.org',
      'other',
    ]);
    expect(sample(text, 'abep_pages_fetched_total{host="other",outcome="ok",service="crawler"}')).toBe(47);
    expect(
      sample(text, 'abep_pages_fetched_total{host="host0.example.org",outcome="failed",service="crawler"}'),
    ).toBe(1);
  });

  it('answers /healthz with 200 {status:"ok"}', async () => {
    const { server } = await start({ bus: () => Promise.reject(new Error('down')) });
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 503 naming the failing check until the dependency connects, then 200', async () => {
    let busUp = false;
    const { server } = await start({
      bus: async () => {
        if (!busUp) throw Object.assign(new Error('broker 127.0.0.1:9 refused'), { code: 'BUS_UNAVAILABLE' });
      },
      store: async () => {},
    });
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'not_ready',
      failing: ['bus'],
      checks: { bus: 'BUS_UNAVAILABLE: broker 127.0.0.1:9 refused', store: 'ok' },
    });
    busUp = true;
    const up = await fetch(`${server.url}/readyz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: 'ready', failing: [], checks: { bus: 'ok', store: 'ok' } });
  });

  it('counts a check that hangs past the timeout as failing', async () => {
    const { server } = await start({ store: () => new Promise<void>(() => {}) });
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({
      failing: ['store'],
      checks: { store: 'timed out after 200 ms' },
    });
  });

  it('404s unknown paths and 405s writes', async () => {
    const { server } = await start();
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('stops accepting connections once closed, even with a keep-alive connection open', async () => {
    const { server } = await start();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
