import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger } from '@abep/logger';
import { isAbepError } from '@abep/schemas';
import { createFixtureWeb, requireService, s3TestConfig } from '@abep/testkit';
import { describe, expect, it } from 'vitest';
import { runPipelineOnce } from './commands/run.ts';
import { EXIT, exitCodeFor } from './exit-codes.ts';
import { readSettings } from './settings.ts';

/** A TCP hop in front of the real S3 server; `cut()` closes it (the port refuses, open sockets drop). */
async function s3Hop() {
  const target = new URL(s3TestConfig().endpoint);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

const quiet = Object.assign(new Writable({ write: (_c, _e, cb) => cb() }), {
  isTTY: false,
}) as unknown as NodeJS.WriteStream;

// The README: Kafka or the store unreachable is exit 3, named, after bounded retries — mid-run too. The real
// S3 server is reached through a hop that is cut once the crawl is under way; the run must give up about
// `storeOutageMs` later, not wait out its deadline (1 min) and run limit (deadline + grace + 1 min).
describe('abep run when the store goes away mid-run', { timeout: 240_000 }, () => {
  it('ends with STORE_UNAVAILABLE naming the store (exit 3) soon after the outage bound', async () => {
    await requireService('s3');
    const s3 = s3TestConfig();
    const hop = await s3Hop();
    const fixture = await createFixtureWeb({ councils: 12, slowMs: 500 });
    const settings = readSettings({
      ABEP_S3_ENDPOINT: hop.endpoint,
      ABEP_S3_BUCKET: s3.bucket,
      ABEP_S3_PREFIX: `outage-${Date.now()}`,
      ABEP_S3_ACCESS_KEY_ID: s3.accessKeyId,
      ABEP_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      ABEP_S3_FORCE_PATH_STYLE: 'true',
      ABEP_NORMALISER_GRACE_MS: '5000',
      ABEP_METRICS_PORT: '0',
    });
    const outageMs = 5000;
    let cutAt = 0;
    // Cut once pages are being fetched (the start-up probe has passed, WARC captures are being stored).
    const watcher = setInterval(() => {
      if (!cutAt && [...fixture.requests.values()].reduce((a, b) => a + b, 0) >= 10) {
        cutAt = Date.now();
        hop.cut();
      }
    }, 100);
    let error: unknown;
    try {
      await runPipelineOnce(
        { fixture, deadlineMinutes: 1, storeOutageMs: outageMs },
        settings,
        createLogger({ level: 'silent', destination: quiet }),
        quiet,
      );
    } catch (err) {
      error = err;
    } finally {
      clearInterval(watcher);
      await fixture.close();
    }
    const after = Date.now() - cutAt;
    console.log(
      `store cut ${cutAt ? 'mid-run' : 'never'}; the run ended ${Math.round(after / 1000)} s later: ${String(error)}`,
    );
    expect(cutAt).toBeGreaterThan(0);
    expect(isAbepError(error) && error.code).toBe('STORE_UNAVAILABLE');
    expect(String((error as Error).message)).toContain(`s3 ${hop.endpoint}/${s3.bucket}`);
    expect(exitCodeFor(error)).toBe(EXIT.unavailable);
    // The bound (5 s), a probe interval, and closing the services with the store gone (≤ 10 s), with room for
    // a loaded machine; well under the run's limit (deadline 60 s + grace 5 s + 60 s).
    expect(after).toBeLessThan(outageMs + 40_000);
  });
});
