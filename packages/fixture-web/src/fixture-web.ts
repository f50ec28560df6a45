import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CRAWL_DELAY_HOST,
  createHostileHandler,
  type Expectation,
  HOSTILE_HOST,
  hostileRoutes,
  INTERNAL_HOST,
  ROBOTS_HOST,
} from './hostile.ts';
import { type LargeOptions, largeHost, largePaths, renderLargePage } from './large.ts';
import { loadLocalAuthorities } from './local-authorities.ts';
import { createFixtureHostLookup, createFixtureLookup, type FixtureLookup } from './lookup.ts';
import { buildModel, councilPaths, type FixtureModel, PARTNERSHIP_PATHS, TRUST_PATHS } from './model.ts';
import { renderCouncilPage } from './render-council.ts';
import { renderPartnershipPage, renderTrustPage } from './render-partnership.ts';

export interface FixtureWebOptions {
  seed?: number;
  /** Council sites (real LAs from the gazetteer). Default 60. */
  councils?: number;
  /** Adds hosts*pagesPerHost simple linked pages (the benchmark web). */
  large?: Partial<LargeOptions>;
  /** Leaves out the hostile hosts (benchmarks). */
  hostile?: boolean;
  /** Stall between chunks of /slow-body. Default 3000 ms. */
  slowMs?: number;
  csvPath?: string;
  /** Preferred port (stable URLs across runs); a random free port when it is taken or not given. */
  port?: number;
}

export interface ExpectedPage {
  /** Normalised absolute URL. */
  url: string;
  expect: Expectation;
}

/** What the fixture web contains, for end-to-end assertions. URLs include the server's port. */
export interface FixtureManifest {
  seed: number;
  port: number;
  councils: {
    laCode: string;
    name: string;
    officialName: string;
    region: string;
    url: string;
    layout: string;
    partnershipId?: string;
    lookalikes: string[];
    pages: string[];
  }[];
  partnerships: {
    id: string;
    name: string;
    url: string;
    laCodes: string[];
    type: string;
    legalForm: string;
    companyNumber?: string;
    charityNumber?: string;
    companyNumberInFooter: boolean;
    jsonLd: boolean;
    foundedYear: number;
    memberSchools: string[];
    /** The council page that mentions it (school improvement) for each LA. */
    mentionedOn: string[];
    pages: string[];
  }[];
  lookalikes: { name: string; type: string; laCode: string; url?: string; pages: string[] }[];
  hostile: { url: string; expect: Expectation; what: string }[];
  /** Home pages of every site. */
  seeds: string[];
  /** Every page a same-as-seed crawl from `seeds` with maxDepth ≥ 2 must settle, with its outcome. */
  expected: ExpectedPage[];
  large?: { seeds: string[]; pages: string[] };
}

export interface FixtureWeb {
  port: number;
  origin(host: string): string;
  /** dns.lookup-compatible: `*.test` → 127.0.0.1 (internal.hostile.test → 127.0.0.2), else ENOTFOUND. */
  lookup: FixtureLookup;
  /** The same, as `(hostname) => Promise<LookupAddress[]>` (the fetcher's `lookup` dependency). */
  hostLookup: (hostname: string) => Promise<import('node:dns').LookupAddress[]>;
  manifest: FixtureManifest;
  model: FixtureModel;
  /** Requests served per `host + path + query`, for asserting what was (not) fetched. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

/** Starts the loopback fixture web on 127.0.0.1 (random port), routing by Host header. */
export async function createFixtureWeb(options: FixtureWebOptions = {}): Promise<FixtureWeb> {
  const seed = options.seed ?? 1;
  const model = buildModel(loadLocalAuthorities(options.csvPath), { seed, count: options.councils ?? 60 });
  const large: LargeOptions | undefined = options.large
    ? { hosts: 50, pagesPerHost: 100, fanout: 10, ...options.large }
    : undefined;
  const withHostile = options.hostile ?? true;
  const requests = new Map<string, number>();
  let port = 0;
  const origin = (host: string) => `http://${host}:${port}`;
  let hostile: ReturnType<typeof createHostileHandler> | undefined;

  const councils = new Map(model.councils.map((c) => [c.host, c]));
  const partnerships = new Map(model.partnerships.map((p) => [p.host, p]));
  const trusts = new Map(model.lookalikes.filter((l) => l.host).map((l) => [l.host as string, l]));
  const largeHosts = new Set(large ? Array.from({ length: large.hosts }, (_v, i) => largeHost(i)) : []);

  function route(req: IncomingMessage, res: ServerResponse): void {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', 'http://x');
    const counted = `${host}${url.pathname}${url.search}`;
    requests.set(counted, (requests.get(counted) ?? 0) + 1);
    if (withHostile && hostile?.(host, req, res)) return;
    const council = councils.get(host);
    const partnership = partnerships.get(host);
    const trust = trusts.get(host);
    let page: string | undefined;
    if (url.pathname === '/robots.txt') page = undefined;
    else if (council) page = renderCouncilPage(council, url.pathname, model, origin);
    else if (partnership) page = renderPartnershipPage(partnership, url.pathname, model, origin);
    else if (trust) page = renderTrustPage(trust, url.pathname, model);
    else if (large && largeHosts.has(host)) page = renderLargePage(host, url.pathname, large);
    if (page === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>Not found</title><h1>Page not found</h1>');
      return;
    }
    const body = Buffer.from(page);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      etag: `"${seed}-${body.length}"`,
      'last-modified': 'Mon, 06 Jan 2025 09:00:00 GMT',
    });
    res.end(body);
  }

  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    try {
      route(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  // A preferred port keeps the fixture's URLs the same from run to run; taken, any free port will do.
  await (options.port ? listen(options.port).catch(() => listen(0)) : listen(0));
  port = (server.address() as AddressInfo).port;
  hostile = createHostileHandler({ port, slowMs: options.slowMs ?? 3000 });

  const manifest = buildManifest(model, origin, port, withHostile, large);
  return {
    port,
    origin,
    lookup: createFixtureLookup({ [INTERNAL_HOST]: '127.0.0.2' }),
    hostLookup: createFixtureHostLookup({ [INTERNAL_HOST]: '127.0.0.2' }),
    manifest,
    model,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function buildManifest(
  model: FixtureModel,
  origin: (host: string) => string,
  port: number,
  withHostile: boolean,
  large: LargeOptions | undefined,
): FixtureManifest {
  const urls = (host: string, paths: readonly string[]) => paths.map((p) => `${origin(host)}${p}`);
  const councils = model.councils.map((c) => ({
    laCode: c.la.laCode,
    name: c.la.name,
    officialName: c.la.officialName,
    region: c.la.region,
    url: `${origin(c.host)}/`,
    layout: c.layout,
    ...(c.partnershipId ? { partnershipId: c.partnershipId } : {}),
    lookalikes: c.lookalikes.map((l) => l.name),
    pages: urls(c.host, councilPaths(c)),
  }));
  const partnerships = model.partnerships.map((p) => ({
    id: p.id,
    name: p.name,
    url: `${origin(p.host)}/`,
    laCodes: p.laCodes,
    type: p.type,
    legalForm: p.legalForm,
    ...(p.companyNumber ? { companyNumber: p.companyNumber } : {}),
    ...(p.charityNumber ? { charityNumber: p.charityNumber } : {}),
    companyNumberInFooter: p.companyNumberInFooter,
    jsonLd: p.jsonLd,
    foundedYear: p.foundedYear,
    memberSchools: p.memberSchools,
    mentionedOn: model.councils
      .filter((c) => c.partnershipId === p.id)
      .map((c) => `${origin(c.host)}/education/school-improvement`),
    pages: urls(p.host, PARTNERSHIP_PATHS),
  }));
  const lookalikes = model.lookalikes.map((l) => ({
    name: l.name,
    type: l.type,
    laCode: l.laCode,
    ...(l.host ? { url: `${origin(l.host)}/` } : {}),
    pages: l.host ? urls(l.host, TRUST_PATHS) : [],
  }));
  const hostile = withHostile
    ? hostileRoutes().map((r) => ({ url: `${origin(r.host)}${r.path}`, expect: r.expect, what: r.what }))
    : [];
  const seeds = [
    ...councils.map((c) => c.url),
    ...partnerships.map((p) => p.url),
    ...lookalikes.filter((l) => l.url).map((l) => l.url as string),
    ...(withHostile ? [HOSTILE_HOST, ROBOTS_HOST, CRAWL_DELAY_HOST].map((h) => `${origin(h)}/`) : []),
  ];
  const fetched: Expectation = { outcome: 'fetched' };
  const expected: ExpectedPage[] = [
    ...councils.flatMap((c) => c.pages.map((url) => ({ url, expect: fetched }))),
    ...partnerships.flatMap((p) => p.pages.map((url) => ({ url, expect: fetched }))),
    ...lookalikes.flatMap((l) => l.pages.map((url) => ({ url, expect: fetched }))),
    ...hostile.map((h) => ({ url: h.url, expect: h.expect })),
  ];
  const largeManifest = large
    ? {
        seeds: Array.from({ length: large.hosts }, (_v, i) => `${origin(largeHost(i))}/`),
        pages: Array.from({ length: large.hosts }, (_v, i) => urls(largeHost(i), largePaths(large))).flat(),
      }
    : undefined;
  return {
    seed: model.seed,
    port,
    councils,
    partnerships,
    lookalikes,
    hostile,
    seeds,
    expected,
    ...(largeManifest ? { large: largeManifest } : {}),
  };
}
