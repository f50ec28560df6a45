import { silentLogger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.ts';
import type { Fetcher } from './fetcher.ts';
import type { FetcherConfigInput } from './fetcher-config.ts';
import {
  drip,
  html,
  loopbackLookup,
  redirect,
  refusedPort,
  stall,
  startTestServer,
  stream,
  type TestServer,
  zeroBomb,
} from './test-server.ts';

const MB = 1024 * 1024;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

function fetcherFor(overrides: FetcherConfigInput = {}): Fetcher {
  const fetcher = createFetcher(
    {
      allowPrivateNetworks: ['127.0.0.0/8'],
      respectRobots: false,
      perHostMinDelayMs: 0,
      retry: { maxAttempts: 1, initialDelayMs: 10, maxDelayMs: 50 },
      timeouts: { connectMs: 1_000, headersMs: 1_000, bodyMs: 1_000, totalMs: 3_000 },
      ...overrides,
    },
    { logger: silentLogger(), lookup: loopbackLookup },
  );
  cleanup.push(() => fetcher.close());
  return fetcher;
}

async function serve(routes: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const server = await startTestServer(routes);
  cleanup.push(() => server.close());
  return server;
}

async function failure(promise: Promise<unknown>): Promise<AbepError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AbepError) return error;
    throw new Error(`expected an AbepError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the fetch to fail');
}

describe('hostile servers', () => {
  let gzipBomb: Buffer;
  let brotliBomb: Buffer;
  beforeAll(async () => {
    gzipBomb = await zeroBomb('gzip', 256 * MB);
    brotliBomb = await zeroBomb('br', 256 * MB);
  });

  it('a body that trickles past the total timeout → FETCH_TIMEOUT', async () => {
    const server = await serve({ '/slow': drip(100) });
    const started = performance.now();
    const error = await failure(
      fetcherFor({ timeouts: { totalMs: 800 } }).fetch({ url: server.url('/slow') }),
    );
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.retriable).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a server that never sends headers → FETCH_TIMEOUT from the headers timeout', async () => {
    const server = await serve({ '/stall': stall });
    const error = await failure(
      fetcherFor({ timeouts: { headersMs: 300 } }).fetch({ url: server.url('/stall') }),
    );
    expect(error.code).toBe('FETCH_TIMEOUT');
  });

  it('an endless body → BODY_TOO_LARGE, and the connection is dropped', async () => {
    const server = await serve({
      '/endless': stream(Buffer.alloc(64 * 1024, 'a'), Number.POSITIVE_INFINITY),
    });
    const error = await failure(fetcherFor({ maxBodyBytes: 1 * MB }).fetch({ url: server.url('/endless') }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.retriable).toBe(false);
    await expect.poll(() => server.hits('/endless')[0]?.aborted).toBe(true);
  });

  it('a 20 MB page with a 5 MB cap → BODY_TOO_LARGE long before the server has sent it all', async () => {
    const server = await serve({ '/big': stream(Buffer.alloc(64 * 1024, 'x'), 20 * MB) });
    const error = await failure(fetcherFor({ maxBodyBytes: 5 * MB }).fetch({ url: server.url('/big') }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    await expect.poll(() => server.hits('/big')[0]?.aborted).toBe(true);
    expect(server.hits('/big')[0]?.bytesWritten).toBeLessThan(15 * MB);
  });

  it('a Content-Length over the cap is refused before reading the body', async () => {
    const server = await serve({
      '/declared': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * MB) });
        res.write('<html>');
      },
    });
    const error = await failure(fetcherFor({ maxBodyBytes: 1 * MB }).fetch({ url: server.url('/declared') }));
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.details?.contentLength).toBe(50 * MB);
  });

  it.each([
    ['gzip', () => gzipBomb],
    ['br', () => brotliBomb],
  ])('a %s bomb (256 MB of zeros) → BODY_TOO_LARGE at the cap, memory bounded', async (encoding, bomb) => {
    const payload = bomb();
    expect(payload.length).toBeLessThan(512 * 1024);
    const server = await serve({
      '/bomb': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding }).end(payload);
      },
    });
    const fetcher = fetcherFor({ maxBodyBytes: 2 * MB });
    const rssBefore = process.memoryUsage().rss;
    const error = await failure(fetcher.fetch({ url: server.url('/bomb') }));
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(error.code).toBe('BODY_TOO_LARGE');
    expect(error.details?.maxBytes).toBe(2 * MB);
    console.log(
      `${encoding} bomb: ${payload.length} B on the wire, rss growth ${(rssGrowth / MB).toFixed(1)} MB`,
    );
    expect(rssGrowth).toBeLessThan(16 * MB);
  });

  it('a redirect loop → REDIRECT_LOOP', async () => {
    const server = await serve({ '/a': redirect('/b'), '/b': redirect('/c'), '/c': redirect('/a') });
    const error = await failure(fetcherFor().fetch({ url: server.url('/a') }));
    expect(error.code).toBe('REDIRECT_LOOP');
    expect(server.requests).toHaveLength(3);
  });

  it('a redirect chain longer than maxRedirects → REDIRECT_LIMIT', async () => {
    const routes: Record<string, ReturnType<typeof redirect>> = {};
    for (let i = 0; i < 10; i++) routes[`/r${i}`] = redirect(`/r${i + 1}`, 301);
    const server = await serve({ ...routes, '/r10': html('<p>end</p>') });
    const error = await failure(fetcherFor({ maxRedirects: 3 }).fetch({ url: server.url('/r0') }));
    expect(error.code).toBe('REDIRECT_LIMIT');
    expect(server.requests).toHaveLength(4);
  });

  it('follows redirects within the limit and reports the chain', async () => {
    const server = await serve({
      '/old': redirect('/middle?utm_source=x', 301),
      '/middle': redirect('/new#frag', 307),
      '/new': html('<p>new</p>'),
    });
    const response = await fetcherFor().fetch({ url: server.url('/old') });
    expect(response.status).toBe(200);
    expect(response.finalUrl).toBe(server.url('/new'));
    expect(response.redirects).toEqual([server.url('/middle?utm_source=x'), server.url('/new')]);
    expect(response.text).toBe('<p>new</p>');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com/x', 'data:text/html,hi'])(
    '%s → URL_SCHEME_UNSUPPORTED',
    async (url) => {
      expect((await failure(fetcherFor().fetch({ url }))).code).toBe('URL_SCHEME_UNSUPPORTED');
    },
  );

  it('a redirect to a non-http scheme → URL_SCHEME_UNSUPPORTED', async () => {
    const server = await serve({ '/to-file': redirect('file:///etc/passwd') });
    expect((await failure(fetcherFor().fetch({ url: server.url('/to-file') }))).code).toBe(
      'URL_SCHEME_UNSUPPORTED',
    );
  });

  it('a redirect to a URL longer than any topic carries → URL_INVALID, with the URL cut in the details', async () => {
    const server = await serve({ '/to-long': redirect(`/${'a'.repeat(9000)}`) });
    const error = await failure(fetcherFor().fetch({ url: server.url('/to-long') }));
    expect(error.code).toBe('URL_INVALID');
    expect(JSON.stringify(error.details).length).toBeLessThan(400);
  });

  it('a redirect to a private address that is not allow-listed → PRIVATE_ADDRESS, never connected', async () => {
    const target = await serve({ '/secret': html('<p>metadata</p>') });
    const server = await serve({ '/hop': redirect(`http://127.0.0.2:${target.port}/secret`) });
    const error = await failure(
      fetcherFor({ allowPrivateNetworks: ['127.0.0.1/32'] }).fetch({ url: server.url('/hop') }),
    );
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(target.requests).toHaveLength(0);
  });

  it('a name that resolves to a private address is refused at connect time', async () => {
    const server = await serve({ '/x': html('<p>x</p>') });
    const error = await failure(
      fetcherFor({ allowPrivateNetworks: [] }).fetch({ url: `http://innocent.example:${server.port}/x` }),
    );
    expect(error.code).toBe('PRIVATE_ADDRESS');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    'http://127.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://metadata.google.internal/',
  ])('refuses %s with the default config', async (url) => {
    const fetcher = createFetcher(
      { respectRobots: false },
      { logger: silentLogger(), lookup: loopbackLookup },
    );
    cleanup.push(() => fetcher.close());
    expect((await failure(fetcher.fetch({ url }))).code).toBe('PRIVATE_ADDRESS');
  });

  it('an unresolvable host → FETCH_DNS', async () => {
    const error = await failure(fetcherFor().fetch({ url: 'http://no-such-host.invalid/' }));
    expect(error.code).toBe('FETCH_DNS');
    expect(error.retriable).toBe(false);
  });

  it('a refused port → FETCH_REFUSED after the configured attempts', async () => {
    const port = await refusedPort();
    const error = await failure(
      fetcherFor({ retry: { maxAttempts: 2, initialDelayMs: 10 } }).fetch({
        url: `http://127.0.0.1:${port}/`,
      }),
    );
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.retriable).toBe(true);
    expect(error.details?.attempts).toBe(2);
  });
});
