import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createLogger } from '@abep/logger';
import type { ObjectStore } from '@abep/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnership, profile } from './test-support/fixtures.ts';
import { publisherFor, registerBus, tempStore } from './test-support/harness.ts';
import { createWebHandler } from './web-handler.ts';

let store: ObjectStore;
let cleanup: () => Promise<void>;
let server: Server;
let base: string;
let version: string;

beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  const { bus } = await registerBus([partnership(1), profile('202', 'E09000007', 'Camden')]);
  version = (await publisherFor(bus, store).publishNow()).version;
  await store.put('state/register.updated.v1.jsonl', 'not for the web');
  await store.put('register/versions/20990101T000000Z-aaaaaaaaaaaa/partnerships.csv', 'unfinished');
  server = createServer(
    createWebHandler({ store, prefix: 'register', logger: createLogger({ level: 'silent' }) }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await cleanup?.();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers, redirect: 'manual' });

describe('createWebHandler', () => {
  it('serves every file of the latest version at a stable latest/ path, short-cached, naming the versioned file', async () => {
    const stable = await get('/register/latest/partnerships.csv');
    const versioned = await get(`/register/versions/${version}/partnerships.csv`);
    expect(stable.status).toBe(200);
    expect(await stable.text()).toBe(await versioned.text());
    expect(stable.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(stable.headers.get('cache-control')).toBe('public, max-age=60');
    expect(versioned.headers.get('cache-control')).toContain('immutable');
    expect(stable.headers.get('content-location')).toBe(`/register/versions/${version}/partnerships.csv`);
  });

  it('serves the map, and sends / and a map folder without its slash to it', async () => {
    expect((await get('/')).headers.get('location')).toBe('/register/latest/map/');
    expect((await get('/register/latest/map')).headers.get('location')).toBe('/register/latest/map/');
    const page = await get('/register/latest/map/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<script type="module" src="map.js">');
  });

  it('allows any origin, and compresses text when asked', async () => {
    const res = await get('/register/latest/local-authorities.geojson', {
      'accept-encoding': 'gzip',
      origin: 'http://elsewhere.example',
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const raw = await import('node:http').then(
      ({ get: httpGet }) =>
        new Promise<Buffer>((resolve) =>
          httpGet(
            `${base}/register/latest/local-authorities.geojson`,
            { headers: { 'accept-encoding': 'gzip' } },
            (r) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
            },
          ),
        ),
    );
    expect(JSON.parse(gunzipSync(raw).toString('utf8')).features).toHaveLength(153);
    const pre = await fetch(`${base}/register/latest.json`, { method: 'OPTIONS' });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('GET');
  });

  it('serves the versions feeds', async () => {
    const res = await get('/register/feed.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml');
    expect(await res.text()).toContain(version);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await get('/register/latest.json');
    const etag = first.headers.get('etag') as string;
    expect((await get('/register/latest.json', { 'if-none-match': etag })).status).toBe(304);
  });

  it('serves nothing outside the snapshot tree, no unfinished version, and no writes', async () => {
    expect((await get('/state/register.updated.v1.jsonl')).status).toBe(404);
    expect((await get('/register/latest/%2E%2E/%2E%2E/state/register.updated.v1.jsonl')).status).toBe(404);
    expect((await get('/register/versions/20990101T000000Z-aaaaaaaaaaaa/partnerships.csv')).status).toBe(404);
    expect((await get('/register/versions/nope/partnerships.csv')).status).toBe(404);
    expect((await fetch(`${base}/register/latest.json`, { method: 'PUT', body: 'x' })).status).toBe(405);
  });

  it('describes its read endpoints in OpenAPI', async () => {
    const doc = (await (await get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/register/latest/{path}', '/register/versions/{version}/{path}']),
    );
  });
});
