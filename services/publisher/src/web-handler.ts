import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Logger } from '@abep/logger';
import { isAbepError } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { CACHE_POINTER, isVersionId, layout } from './layout.ts';
import { LatestPointer } from './manifest.ts';
import { readValidated } from './store-io.ts';
import { webOpenApi } from './web-openapi.ts';

export interface WebHandlerDeps {
  store: ObjectStore;
  /** Key prefix of the snapshot tree (ABEP_PUBLISHER_PREFIX). */
  prefix: string;
  logger: Logger;
}

const FALLBACK_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  atom: 'application/atom+xml',
};

/** The files beside versions/: the pointers and the feeds. */
const TOP_LEVEL = new Set(['latest.json', 'versions.json', 'feed.json', 'feed.atom']);

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|schema\+json|javascript|atom\+xml|feed\+json))/;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'If-None-Match, Range',
  'access-control-expose-headers': 'ETag, Content-Length, Content-Location, Last-Modified',
  'access-control-max-age': '86400',
};

/** Path segments of a request, or undefined for anything that is not a plain relative path. */
function segments(pathname: string): string[] | undefined {
  let decoded: string[];
  try {
    decoded = pathname.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const inner = decoded.slice(0, -1);
  if (inner.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) return undefined;
  const last = decoded.at(-1) ?? '';
  return last === '.' || last === '..' ? undefined : decoded;
}

type Target =
  | { kind: 'object'; key: string; cacheControl?: string; contentLocation?: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'openapi' }
  | { kind: 'missing' };

/**
 * A read-only HTTP view of the snapshot tree: only keys under `<prefix>/` are ever served (never the WARCs or
 * state beside it), and a version's files only once its manifest exists, as the publish protocol defines
 * visibility. `<prefix>/latest/<path>` resolves through latest.json on every request.
 */
export function createWebHandler(deps: WebHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { store, prefix } = deps;
  const paths = layout(prefix);
  const logger = deps.logger.child({ component: 'web' });
  const openapi = JSON.stringify(webOpenApi(prefix), null, 2);

  async function resolveTarget(parts: string[]): Promise<Target> {
    if (parts.length === 1 && parts[0] === '')
      return { kind: 'redirect', location: `/${prefix}/latest/map/` };
    if (parts.length === 1 && parts[0] === 'openapi.json') return { kind: 'openapi' };
    if (parts[0] !== prefix) return { kind: 'missing' };
    const [, head, ...rest] = parts;
    if (rest.length === 0 && head && TOP_LEVEL.has(head)) return { kind: 'object', key: `${prefix}/${head}` };
    let version: string | undefined;
    let file: string[];
    if (head === 'latest') {
      file = rest;
    } else if (head === 'versions' && rest[0] && isVersionId(rest[0])) {
      version = rest[0];
      file = rest.slice(1);
    } else return { kind: 'missing' };
    if (file.length === 0) return { kind: 'missing' };
    if (file.length === 1 && file[0] === 'map') return { kind: 'redirect', location: `/${parts.join('/')}/` };
    const path = (file.at(-1) === '' ? [...file.slice(0, -1), 'index.html'] : file).join('/');
    if (version) {
      if (!(await store.head(paths.manifest(version)))) return { kind: 'missing' };
      return { kind: 'object', key: paths.file(version, path) };
    }
    const latest = await readValidated(store, paths.latest, LatestPointer);
    if (!latest) return { kind: 'missing' };
    const v = latest.value.version;
    return {
      kind: 'object',
      key: paths.file(v, path),
      cacheControl: CACHE_POINTER,
      contentLocation: `/${paths.file(v, path)}`,
    };
  }

  async function send(req: IncomingMessage, res: ServerResponse, target: Target): Promise<void> {
    if (target.kind === 'redirect') {
      res.writeHead(302, { ...CORS, location: target.location }).end();
      return;
    }
    if (target.kind === 'openapi') {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(req.method === 'HEAD' ? undefined : openapi);
      return;
    }
    const info = target.kind === 'object' ? await store.head(target.key) : undefined;
    if (target.kind !== 'object' || !info) {
      res.writeHead(404, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'no such file in the published register' }));
      return;
    }
    const ext = target.key.slice(target.key.lastIndexOf('.') + 1);
    const type = info.contentType ?? FALLBACK_TYPES[ext] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      ...CORS,
      'content-type': type,
      etag: info.etag,
      'last-modified': info.lastModified.toUTCString(),
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    };
    const cache = target.cacheControl ?? info.cacheControl;
    if (cache) headers['cache-control'] = cache;
    if (target.contentLocation) headers['content-location'] = target.contentLocation;
    if (req.headers['if-none-match'] === info.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding = COMPRESSIBLE.test(type)
      ? /\bbr\b/.test(accept)
        ? 'br'
        : /\bgzip\b/.test(accept)
          ? 'gzip'
          : undefined
      : undefined;
    if (encoding) headers['content-encoding'] = encoding;
    else headers['content-length'] = String(info.size);
    if (req.method === 'HEAD') {
      res.writeHead(200, headers).end();
      return;
    }
    const object = await store.get(target.key);
    if (!object) {
      res.writeHead(404, CORS).end();
      return;
    }
    res.writeHead(200, headers);
    const zip =
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? createGzip()
          : undefined;
    await (zip ? pipeline(object.body, zip, res) : pipeline(object.body, res));
  }

  return (req, res) => {
    const work = async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS).end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...CORS, allow: 'GET, HEAD, OPTIONS' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = segments(url.pathname);
      await send(req, res, parts ? await resolveTarget(parts) : { kind: 'missing' });
    };
    work().catch((err: unknown) => {
      const code = isAbepError(err) ? err.code : 'INTERNAL';
      logger.error({ err, url: req.url, code }, 'web request failed');
      if (!res.headersSent) {
        res.writeHead(code === 'STORE_UNAVAILABLE' ? 503 : 500, {
          ...CORS,
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ code }));
      } else res.destroy();
    });
  };
}
