import type { LookupAddress, LookupOptions } from 'node:dns';

type Callback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A dns.lookup-compatible resolver for the fixture web: `*.test` (and `localhost`) resolve to loopback,
 * anything else fails with ENOTFOUND, so a test can never reach the internet. `overrides` maps host names
 * to other loopback addresses (e.g. 127.0.0.2, to exercise the private-address guard).
 */
export function createFixtureLookup(overrides: Record<string, string> = {}) {
  return function lookup(
    hostname: string,
    options: LookupOptions | number | Callback,
    callback?: Callback,
  ): void {
    const cb = (typeof options === 'function' ? options : callback) as Callback;
    const opts: LookupOptions = typeof options === 'object' ? options : {};
    const host = hostname.toLowerCase().replace(/\.$/, '');
    const address =
      overrides[host] ?? (host === 'localhost' || host.endsWith('.test') ? '127.0.0.1' : undefined);
    process.nextTick(() => {
      if (!address) {
        const err: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
        err.code = 'ENOTFOUND';
        cb(err, opts.all ? [] : '', undefined);
        return;
      }
      if (opts.all) cb(null, [{ address, family: 4 }]);
      else cb(null, address, 4);
    });
  };
}
export type FixtureLookup = ReturnType<typeof createFixtureLookup>;

/** The same resolution as a promise of every address (the fetcher's HostLookup shape). */
export function createFixtureHostLookup(overrides: Record<string, string> = {}) {
  const lookup = createFixtureLookup(overrides);
  return (hostname: string): Promise<LookupAddress[]> =>
    new Promise((resolve, reject) =>
      lookup(hostname, { all: true }, (err, addresses) =>
        err ? reject(err) : resolve(addresses as LookupAddress[]),
      ),
    );
}
