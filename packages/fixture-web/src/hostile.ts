import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { document } from './html.ts';

export const HOSTILE_HOST = 'www.hostile.test';
export const ROBOTS_HOST = 'www.robots-closed.test';
export const CRAWL_DELAY_HOST = 'www.crawl-delay.test';
/** Resolves to 127.0.0.2 through the fixture lookup: same site, private address. */
export const INTERNAL_HOST = 'internal.hostile.test';

export type Expectation = { outcome: 'fetched' } | { outcome: 'failed'; codes: string[] };

export interface HostileRoute {
  host: string;
  path: string;
  /** Under a fetcher with maxBodyBytes ≤ 10 MB, timeouts.bodyMs < slowMs, maxAttempts ≥ 3, only 127.0.0.1/32 allowed. */
  expect: Expectation;
  what: string;
}

const fetched: Expectation = { outcome: 'fetched' };
const failed = (...codes: string[]): Expectation => ({ outcome: 'failed', codes });

export function hostileRoutes(): HostileRoute[] {
  const h = HOSTILE_HOST;
  return [
    { host: h, path: '/', expect: fetched, what: 'index of hostile pages' },
    { host: h, path: '/slow-body', expect: failed('FETCH_TIMEOUT'), what: 'body stalls between chunks' },
    { host: h, path: '/endless', expect: failed('BODY_TOO_LARGE', 'FETCH_TIMEOUT'), what: 'body never ends' },
    {
      host: h,
      path: '/gzip-bomb',
      expect: failed('BODY_TOO_LARGE'),
      what: '32 MiB of zeros in 32 KiB of gzip',
    },
    { host: h, path: '/redirect-loop', expect: failed('REDIRECT_LOOP', 'REDIRECT_LIMIT'), what: 'a → b → a' },
    {
      host: h,
      path: '/too-many-requests',
      expect: failed('HTTP_TOO_MANY_REQUESTS'),
      what: 'always 429, Retry-After: 1',
    },
    { host: h, path: '/flaky', expect: fetched, what: 'two 503s, then 200' },
    {
      host: h,
      path: '/always-503',
      expect: failed('HTTP_SERVER_ERROR'),
      what: 'a 5xx burst that never ends',
    },
    { host: h, path: '/huge', expect: failed('BODY_TOO_LARGE'), what: 'a 20 MB HTML page' },
    { host: h, path: '/wrong-charset', expect: fetched, what: 'header says utf-8, bytes are windows-1252' },
    { host: h, path: '/no-charset', expect: fetched, what: 'windows-1252 bytes, no charset anywhere' },
    { host: h, path: '/report.pdf', expect: fetched, what: 'a PDF' },
    {
      host: h,
      path: '/links',
      expect: fetched,
      what: 'links to private addresses, file:, javascript:, mailto:',
    },
    { host: h, path: '/malformed', expect: fetched, what: 'unclosed tags around a link' },
    { host: h, path: '/malformed-target', expect: fetched, what: 'linked only from the malformed page' },
    {
      host: h,
      path: '/tracked?id=1',
      expect: fetched,
      what: 'linked twice under different tracking parameters',
    },
    {
      host: h,
      path: '/redirect-metadata',
      expect: failed('PRIVATE_ADDRESS'),
      what: 'redirect to 169.254.169.254',
    },
    { host: h, path: '/redirect-loopback', expect: failed('PRIVATE_ADDRESS'), what: 'redirect to 127.0.0.2' },
    { host: h, path: '/missing', expect: failed('HTTP_CLIENT_ERROR'), what: '404' },
    {
      host: INTERNAL_HOST,
      path: '/',
      expect: failed('PRIVATE_ADDRESS', 'FETCH_REFUSED'),
      what: 'same site, resolves to 127.0.0.2',
    },
    { host: ROBOTS_HOST, path: '/', expect: fetched, what: 'robots.txt disallows /private' },
    { host: ROBOTS_HOST, path: '/open', expect: fetched, what: 'allowed page' },
    {
      host: ROBOTS_HOST,
      path: '/private/report',
      expect: failed('ROBOTS_DISALLOWED'),
      what: 'disallowed page',
    },
    { host: CRAWL_DELAY_HOST, path: '/', expect: fetched, what: 'robots.txt Crawl-delay: 1' },
    { host: CRAWL_DELAY_HOST, path: '/a', expect: fetched, what: 'second page under Crawl-delay' },
    { host: CRAWL_DELAY_HOST, path: '/b', expect: fetched, what: 'third page under Crawl-delay' },
  ];
}

const WINDOWS_1252_BODY = Buffer.concat([
  Buffer.from('<!DOCTYPE html><html><head><title>Caf'),
  Buffer.from([0xe9]),
  Buffer.from(' menu</title></head><body><p>Na'),
  Buffer.from([0xef]),
  Buffer.from('ve r'),
  Buffer.from([0xe9]),
  Buffer.from('sum'),
  Buffer.from([0xe9]),
  Buffer.from(' of the school improvement caf'),
  Buffer.from([0xe9]),
  Buffer.from(' sessions. '),
  Buffer.from([0x93]),
  Buffer.from('Quoted'),
  Buffer.from([0x94]),
  Buffer.from('</p></body></html>'),
]);

export interface HostileOptions {
  port: number;
  slowMs: number;
}

/** State that survives between requests (5xx burst counter, lazily built big bodies). */
export function createHostileHandler(options: HostileOptions) {
  let flakyCount = 0;
  let bomb: Buffer | undefined;
  let huge: Buffer | undefined;
  const html = (
    res: ServerResponse,
    body: string | Buffer,
    type = 'text/html; charset=utf-8',
    status = 200,
  ) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  return function handle(host: string, req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const path = url.pathname;
    if (host === ROBOTS_HOST || host === CRAWL_DELAY_HOST) {
      if (path === '/robots.txt') {
        const robots =
          host === ROBOTS_HOST ? 'User-agent: *\nDisallow: /private\n' : 'User-agent: *\nCrawl-delay: 1\n';
        html(res, robots, 'text/plain');
        return true;
      }
      const links = host === ROBOTS_HOST ? ['/open', '/private/report'] : ['/a', '/b'];
      if (path === '/' || links.includes(path)) {
        html(
          res,
          document({
            title: `${host}${path}`,
            body: `<p>${links.map((l) => `<a href="${l}">${l}</a>`).join(' ')}</p>`,
          }),
        );
        return true;
      }
      return false;
    }
    if (host === INTERNAL_HOST) {
      html(res, document({ title: 'internal', body: '<p>internal admin</p>' }));
      return true;
    }
    if (host !== HOSTILE_HOST) return false;
    switch (path) {
      case '/robots.txt':
        html(res, 'User-agent: *\nAllow: /\n', 'text/plain');
        return true;
      case '/': {
        const links = hostileRoutes()
          .filter(
            (r) =>
              r.host === HOSTILE_HOST &&
              r.path !== '/' &&
              r.path !== '/malformed-target' &&
              !r.path.startsWith('/tracked'),
          )
          .map((r) => `<li><a href="${r.path}">${r.what}</a></li>`);
        links.push('<li><a href="/tracked?utm_source=newsletter&id=1">tracked</a></li>');
        links.push('<li><a href="/tracked?id=1&fbclid=abc123#top">tracked again</a></li>');
        links.push(`<li><a href="http://${INTERNAL_HOST}:${options.port}/">internal</a></li>`);
        html(res, document({ title: 'Hostile index', body: `<ul>${links.join('\n')}</ul>` }));
        return true;
      }
      case '/slow-body': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<html><body><p>slow');
        let sent = 0;
        const timer = setInterval(() => {
          if (++sent > 3 || res.destroyed) {
            clearInterval(timer);
            res.end('</p></body></html>');
          } else res.write('.');
        }, options.slowMs);
        res.on('close', () => clearInterval(timer));
        return true;
      }
      case '/endless': {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {
            /* keep writing until the socket pushes back */
          }
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return true;
      }
      case '/gzip-bomb':
        bomb ??= gzipSync(Buffer.alloc(32 * 1024 * 1024));
        res.writeHead(200, {
          'content-type': 'text/html',
          'content-encoding': 'gzip',
          'content-length': bomb.length,
        });
        res.end(bomb);
        return true;
      case '/redirect-loop':
      case '/redirect-loop-b':
        res.writeHead(302, { location: path === '/redirect-loop' ? '/redirect-loop-b' : '/redirect-loop' });
        res.end();
        return true;
      case '/too-many-requests':
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'text/plain' });
        res.end('slow down');
        return true;
      case '/flaky':
        if (flakyCount++ % 3 < 2) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('busy');
        } else html(res, document({ title: 'Flaky', body: '<p>Third time lucky.</p>' }));
        return true;
      case '/always-503':
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('down');
        return true;
      case '/huge':
        huge ??= Buffer.from(
          `<html><body>${'<p>All work and no play makes a big page.</p>\n'.repeat(460_000)}</body></html>`,
        );
        html(res, huge);
        return true;
      case '/wrong-charset':
        html(res, WINDOWS_1252_BODY, 'text/html; charset=utf-8');
        return true;
      case '/no-charset':
        html(res, WINDOWS_1252_BODY, 'text/html');
        return true;
      case '/report.pdf':
        html(
          res,
          Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
          'application/pdf',
        );
        return true;
      case '/links':
        html(
          res,
          document({
            title: 'Links',
            body: `<a href="http://10.0.0.1/">router</a> <a href="http://192.168.1.1/admin">admin</a> <a href="http://127.0.0.2/">loopback</a>
<a href="file:///etc/passwd">passwd</a> <a href="javascript:alert(1)">js</a> <a href="mailto:a@hostile.test">mail</a> <a href="tel:+441234">tel</a>`,
          }),
        );
        return true;
      case '/malformed':
        html(
          res,
          '<html><head><title>Broken</title><body><div><p>Unclosed <b>bold <a href="/malformed-target">a link<table><tr><td>cell</div></p>',
        );
        return true;
      case '/malformed-target':
        html(res, document({ title: 'Found through malformed HTML', body: '<p>ok</p>' }));
        return true;
      case '/tracked':
        html(
          res,
          document({
            title: 'Tracked',
            body: `<p>Same page whatever the tracking parameters (${url.searchParams.get('id') ?? ''}).</p>`,
          }),
        );
        return true;
      case '/redirect-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
        return true;
      case '/redirect-loopback':
        res.writeHead(302, { location: `http://127.0.0.2:${options.port}/` });
        res.end();
        return true;
      default:
        return false;
    }
  };
}
