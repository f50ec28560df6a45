import { Agent, buildConnector, type Dispatcher, ProxyAgent } from 'undici';
import type { AddressGuard } from './address-guard.ts';

export interface DispatcherOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  perHostConcurrency: number;
  proxyUrl?: string;
}

/**
 * An undici dispatcher whose every new socket goes through the guard: IP literals are checked, names are resolved
 * by the guard's lookup and the socket connects to exactly the addresses that were checked (no DNS-rebinding gap).
 * Through a proxy the proxy resolves names, so the guard can only pre-check them (see create-fetcher).
 */
export function createDispatcher(options: DispatcherOptions, guard: AddressGuard): Dispatcher {
  const timeouts = { headersTimeout: options.headersTimeoutMs, bodyTimeout: options.bodyTimeoutMs };
  if (options.proxyUrl) {
    return new ProxyAgent({
      uri: options.proxyUrl,
      // CONNECT for http targets too: the proxy relays bytes and never rewrites or caches our requests.
      proxyTunnel: true,
      connect: { timeout: options.connectTimeoutMs },
      ...timeouts,
    });
  }
  const base = buildConnector({ timeout: options.connectTimeoutMs, lookup: guard.connectLookup });
  const connect: buildConnector.connector = (connectOptions, callback) => {
    try {
      guard.checkHost(connectOptions.hostname);
    } catch (error) {
      callback(error as Error, null);
      return;
    }
    base(connectOptions, callback);
  };
  return new Agent({
    connect,
    connections: options.perHostConcurrency + 1,
    keepAliveTimeout: 4_000,
    ...timeouts,
  });
}
