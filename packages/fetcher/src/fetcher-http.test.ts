import { createHash } from 'node:crypto';
import { silentLogger } from '@abep/logger';
import { AbepError } from '@abep/schemas';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher } from './create-fetcher.ts';
import type { Fetcher } from './fetcher.ts';
import type { FetcherConfigInput } from './fetcher-config.ts';
import {
  bytes,
  type Handler,
  html,
  loopbackLookup,
  stall,
  startConnectProxy,
  startTestServer,
  type TestServer,
} from './test-server.ts';

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
      retry: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 80, maxRetryAfterMs: 5_000 },
      ...overrides,
    },
    { logger: silentLogger(), lookup: loopbackLookup },
  );
  cleanup.push(() => fetcher.close());
  return fetcher;
}

async function serve(routes: Record<string, Handler>): Promise<TestServer> {
  const server = await startTestServer(routes);
  cleanup.push(() => server.close());
  return server;
}

async function failure(promise: Promise<unknown>): Promise<AbepError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AbepError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

/** Answers with `statuses` in turn (extra headers per status), then 200. */
function sequence(statuses: Array<[number, Record<string, string>?]>): Handler {
  let i = 0;
  return (_req, res) => {
    const next = statuses[i++];
    if (next) res.writeHead(next[0], next[1] ?? {}).end('busy');
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
  };
}

describe('status handling and retries', () => {
  it('429 with Retry-After: 1 waits a second before retrying, and hosts() shows the pause', async () => {
    const server = await serve({ '/rate': sequence([[429, { 'retry-after': '1' }]]) });
    const fetcher = fetcherFor();
    const pending = fetcher.fetch({ url: server.url('/rate') });
    await new Promise((r) => setTimeout(r, 300));
    const state = fetcher.hosts().find((h) => h.host === `127.0.0.1:${server.port}`);
    expect(state?.waitingFor).toBe('retry-after');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(2);
    const [first, second] = server.hits('/rate');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('Retry-After as an HTTP date is honoured too', async () => {
    const when = new Date(Date.now() + 1_500).toUTCString();
    const server = await serve({ '/date': sequence([[503, { 'retry-after': when }]]) });
    const response = await fetcherFor().fetch({ url: server.url('/date') });
    expect(response.status).toBe(200);
    const [first, second] = server.hits('/date');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(400);
  });

  it('a Retry-After beyond maxRetryAfterMs gives up at once with HTTP_TOO_MANY_REQUESTS', async () => {
    const server = await serve({ '/later': sequence([[429, { 'retry-after': '3600' }]]) });
    const error = await failure(fetcherFor().fetch({ url: server.url('/later') }));
    expect(error.code).toBe('HTTP_TOO_MANY_REQUESTS');
    expect(error.retriable).toBe(true);
    expect(error.details?.retryAfterMs).toBe(3_600_000);
    expect(server.hits('/later')).toHaveLength(1);
  });

  it('a burst of 5xx then success returns the page', async () => {
    const server = await serve({ '/flaky': sequence([[500], [502], [503]]) });
    const response = await fetcherFor().fetch({ url: server.url('/flaky') });
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(4);
    expect(server.hits('/flaky')).toHaveLength(4);
  });

  it('5xx for ever → HTTP_SERVER_ERROR after maxAttempts', async () => {
    const server = await serve({ '/down': (_req, res) => res.writeHead(503).end() });
    const error = await failure(
      fetcherFor({ retry: { maxAttempts: 3, initialDelayMs: 10 } }).fetch({ url: server.url('/down') }),
    );
    expect(error.code).toBe('HTTP_SERVER_ERROR');
    expect(error.details).toMatchObject({ status: 503, attempts: 3 });
    expect(server.hits('/down')).toHaveLength(3);
  });

  it('a 404 resolves (the caller decides) and is not retried', async () => {
    const server = await serve({});
    const response = await fetcherFor().fetch({ url: server.url('/missing') });
    expect(response.status).toBe(404);
    expect(server.requests).toHaveLength(1);
  });

  it('sends validators and turns a 304 into unchanged: true', async () => {
    const server = await serve({
      '/page': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
        else
          res
            .writeHead(200, {
              'content-type': 'text/html',
              etag: '"v1"',
              'last-modified': 'Mon, 06 Jan 2025 10:00:00 GMT',
            })
            .end('<p>v1</p>');
      },
    });
    const fetcher = fetcherFor();
    const first = await fetcher.fetch({ url: server.url('/page') });
    expect(first.unchanged).toBe(false);
    expect(first.validators).toEqual({ etag: '"v1"', lastModified: 'Mon, 06 Jan 2025 10:00:00 GMT' });
    const second = await fetcher.fetch({ url: server.url('/page'), conditional: first.validators });
    expect(second).toMatchObject({ status: 304, unchanged: true, isHtml: false });
    expect(second.body.length).toBe(0);
    expect(second.validators.lastModified).toBe('Mon, 06 Jan 2025 10:00:00 GMT');
    expect(server.hits('/page')[1]?.headers['if-modified-since']).toBe('Mon, 06 Jan 2025 10:00:00 GMT');
  });

  it('identifies itself with the configured contact', async () => {
    const server = await serve({ '/ua': html('<p>hi</p>') });
    await fetcherFor({ contact: '+https://example.org/bot; bot@example.org' }).fetch({
      url: server.url('/ua'),
    });
    expect(server.hits('/ua')[0]?.headers['user-agent']).toBe(
      'abep-register/0.1 (+https://example.org/bot; bot@example.org)',
    );
  });
});

describe('content', () => {
  const latin = (s: string) => Buffer.from(s, 'latin1');

  it('decodes windows-1252 bytes with no charset anywhere', async () => {
    const server = await serve({
      '/w': bytes(latin('<p>\x93Caf\xe9\x94 \xa35</p>'), { 'content-type': 'text/html' }),
    });
    const response = await fetcherFor().fetch({ url: server.url('/w') });
    expect(response).toMatchObject({
      isHtml: true,
      charset: 'windows-1252',
      text: '<p>\u201cCafé\u201d £5</p>',
    });
  });

  it('believes <meta charset> when the header has none', async () => {
    const body = Buffer.concat([
      latin('<head><meta charset="iso-8859-1"></head><p>'),
      latin('Bront\xeb</p>'),
    ]);
    const server = await serve({ '/m': bytes(body, { 'content-type': 'text/html' }) });
    expect((await fetcherFor().fetch({ url: server.url('/m') })).text).toContain('Brontë');
  });

  it('lets a UTF-8 BOM override a wrong header charset', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>Ōtaki – £</p>', 'utf8')]);
    const server = await serve({ '/b': bytes(body, { 'content-type': 'text/html; charset=iso-8859-1' }) });
    const response = await fetcherFor().fetch({ url: server.url('/b') });
    expect(response).toMatchObject({ charset: 'UTF-8', text: '<p>Ōtaki – £</p>' });
  });

  it('returns a PDF with isHtml false, no text, and its bytes and hash', async () => {
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1');
    const server = await serve({ '/doc.pdf': bytes(pdf, { 'content-type': 'application/pdf' }) });
    const response = await fetcherFor().fetch({ url: server.url('/doc.pdf') });
    expect(response).toMatchObject({ contentType: 'application/pdf', isHtml: false });
    expect(response.text).toBeUndefined();
    expect(response.body.equals(pdf)).toBe(true);
    expect(response.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
  });

  it('undoes gzip content-encoding and hashes the decoded payload', async () => {
    const { gzipSync } = await import('node:zlib');
    const page = '<html><body>Schools partnership – Leeds</body></html>';
    const server = await serve({
      '/gz': bytes(gzipSync(page), {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
      }),
    });
    const response = await fetcherFor().fetch({ url: server.url('/gz') });
    expect(response.text).toBe(page);
    expect(response.sha256).toBe(createHash('sha256').update(page).digest('hex'));
    expect(server.hits('/gz')[0]?.headers['accept-encoding']).toContain('br');
  });
});

describe('plumbing', () => {
  it('goes through the configured proxy, and still refuses private targets that are not allow-listed', async () => {
    const proxy = await startConnectProxy();
    cleanup.push(() => proxy.close());
    const server = await serve({ '/via': html('<p>proxied</p>') });
    const response = await fetcherFor({ proxyUrl: proxy.url }).fetch({ url: server.url('/via') });
    expect(response.text).toBe('<p>proxied</p>');
    expect(proxy.tunnels).toEqual([`127.0.0.1:${server.port}`]);
    const guarded = fetcherFor({ proxyUrl: proxy.url, allowPrivateNetworks: [] });
    let code: string | undefined;
    try {
      await guarded.fetch({ url: `http://innocent.example:${server.port}/via` });
    } catch (error) {
      code = (error as AbepError).code;
    }
    expect(code).toBe('PRIVATE_ADDRESS');
    expect(proxy.tunnels).toHaveLength(1);
  });

  it("the caller's signal stops a fetch in flight → DEADLINE_EXCEEDED, not a timeout", async () => {
    const server = await serve({ '/stall': stall });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(fetcherFor().fetch({ url: server.url('/stall'), signal: controller.signal }));
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    expect(server.hits('/stall')).toHaveLength(1);
  });
});
