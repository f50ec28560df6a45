import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@abep/logger';
import type { Metrics } from './metrics.ts';

/** Resolves when a dependency is usable; rejects (or exceeds the timeout) when it is not. */
export type ReadinessCheck = () => Promise<void>;

export interface OpsServerOptions {
  /** 0 picks a free port; read it back from {@link OpsServer.port}. */
  port: number;
  /** Interface to bind; 127.0.0.1 by default, 0.0.0.0 inside a container so probes and scrapers reach it. */
  host?: string;
  metrics: Metrics;
  /** Named checks for /readyz, e.g. `{ bus: () => bus.ping(), store: () => store.head('…') }`. */
  readiness?: Record<string, ReadinessCheck>;
  /** A check that has not settled after this long counts as failing (default 2000). */
  checkTimeoutMs?: number;
  logger: Logger;
}

export interface OpsServer {
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:9464 */
  readonly url: string;
  /** Stops listening and drops open (keep-alive) connections; idempotent. */
  close(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, 'ok' | string>;
  failing: string[];
}

/** Runs every check concurrently; a check fails by rejecting, throwing, or taking longer than `timeoutMs`. */
export async function runReadiness(
  checks: Record<string, ReadinessCheck>,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => settle(checks[name] as ReadinessCheck, timeoutMs)));
  const report: ReadinessReport = { status: 'ready', checks: {}, failing: [] };
  names.forEach((name, i) => {
    const result = results[i] ?? 'ok';
    report.checks[name] = result;
    if (result !== 'ok') report.failing.push(name);
  });
  if (report.failing.length) report.status = 'not_ready';
  return report;
}

async function settle(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timed out after ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(() => 'ok'),
      timeout,
    ]);
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    const code = typeof e?.code === 'string' ? `${e.code}: ` : '';
    const message = typeof e?.message === 'string' ? e.message : String(error);
    return `${code}${message}`.slice(0, 300);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The operations endpoint every long-running service exposes:
 *   GET /metrics  Prometheus text exposition of `metrics`
 *   GET /healthz  200 {"status":"ok"} while the process can answer at all (liveness)
 *   GET /readyz   200 when every readiness check passes, else 503 naming the failing checks
 */
export function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const logger = options.logger.child({ component: 'ops-server' });
  const readiness = options.readiness ?? {};
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  const host = options.host ?? '127.0.0.1';
  let lastReady: boolean | undefined;

  const routes: Record<string, (res: ServerResponse) => Promise<void>> = {
    '/metrics': async (res) => {
      const body = await options.metrics.scrape();
      res.writeHead(200, { 'content-type': options.metrics.contentType }).end(body);
    },
    '/healthz': async (res) => json(res, 200, { status: 'ok' }),
    '/readyz': async (res) => {
      const report = await runReadiness(readiness, timeoutMs);
      const ready = report.status === 'ready';
      if (ready !== lastReady) {
        if (ready) logger.info({ checks: Object.keys(report.checks) }, 'ready');
        else logger.warn({ failing: report.failing, checks: report.checks }, 'not ready');
        lastReady = ready;
      }
      json(res, ready ? 200 : 503, report);
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path];
    if (!route) return json(res, 404, { status: 'not_found', paths: Object.keys(routes) });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { status: 'method_not_allowed' });
    }
    route(res).catch((error: unknown) => {
      logger.error({ err: error, path }, 'ops endpoint failed');
      if (!res.headersSent) json(res, 500, { status: 'error' });
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      logger.info({ url }, 'ops server listening');
      let closing: Promise<void> | undefined;
      resolve({
        port,
        url,
        close() {
          closing ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }).then(() => logger.info('ops server closed'));
          return closing;
        },
      });
    });
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
