// Preloaded into the Crawlee child (node --import): resolves *.test to loopback, as the fixture lookup does
// for our fetcher, so both crawlers reach the same loopback server by the same names.
import dns from 'node:dns';

const original = dns.lookup;
// biome-ignore lint/suspicious/noExplicitAny: dns.lookup has many overloads
(dns as any).lookup = (hostname: string, options: any, callback?: any) => {
  const cb = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'object' && options ? options : {};
  if (!hostname.endsWith('.test')) return original(hostname, options, callback);
  process.nextTick(() =>
    opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
  );
};
for (const name of ['resolve4', 'resolve6']) {
  // biome-ignore lint/suspicious/noExplicitAny: patched for the benchmark only
  const promises = dns.promises as any;
  const base = promises[name];
  promises[name] = (hostname: string, ...rest: unknown[]) =>
    hostname.endsWith('.test')
      ? Promise.resolve(name === 'resolve4' ? ['127.0.0.1'] : [])
      : base(hostname, ...rest);
}
