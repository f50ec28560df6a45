import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@abep/logger';
import { createWebHandler } from '@abep/publisher';
import { AbepError } from '@abep/schemas';
import { openStore } from '../infra.ts';
import type { Settings } from '../settings.ts';

export interface ServeWebOptions {
  host?: string;
  port?: number;
  storeDir?: string;
}

/**
 * `abep serve web`: the published register, read-only over HTTP (the map, every version, `latest/` links,
 * OpenAPI at /openapi.json), on loopback unless a host is given. Runs until SIGTERM / SIGINT.
 */
export async function serveWeb(
  options: ServeWebOptions,
  settings: Settings,
  logger: Logger,
  signal: AbortSignal,
  onListening: (url: string) => void,
): Promise<void> {
  const { store, describe } = openStore({
    ...settings.infra,
    ...(options.storeDir ? { storeDir: options.storeDir } : {}),
  });
  const server = createServer(createWebHandler({ store, prefix: settings.publisher.prefix, logger }));
  const host = options.host ?? settings.run.webHost;
  const port = options.port ?? settings.run.webPort;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL'
          ? new AbepError(
              'CONFIG_INVALID',
              `serve web: cannot listen on ${host}:${port} (${err.code}); pick another --port`,
              { cause: err },
            )
          : err,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}/`;
  logger.info({ url, store: describe }, 'web server running');
  onListening(url);
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
