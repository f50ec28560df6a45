import { createHash } from 'node:crypto';
import type { Fetcher, FetchRequest, FetchResponse } from '@abep/fetcher';
import { AbepError } from '@abep/schemas';

export type FakeRoute =
  | { status?: number; html?: string; body?: Buffer; contentType?: string; etag?: string }
  | AbepError
  | ((request: FetchRequest) => FakeRoute);

/** An in-memory Fetcher for unit tests: url → response or thrown AbepError. Records every fetch. */
export function createFakeFetcher(routes: Record<string, FakeRoute>): Fetcher & { fetched: FetchRequest[] } {
  const fetched: FetchRequest[] = [];
  return {
    fetched,
    async fetch(request) {
      fetched.push(request);
      let route = routes[request.url];
      while (typeof route === 'function') route = route(request);
      if (route instanceof AbepError) throw route;
      if (!route) return response(request.url, { status: 404, html: 'not found' });
      return response(request.url, route);
    },
    async robots() {
      return { isAllowed: () => true, sitemaps: [] };
    },
    hosts: () => [],
    recontact: () => {},
    async close() {},
  };
}

function response(
  url: string,
  route: Exclude<FakeRoute, AbepError | ((r: FetchRequest) => FakeRoute)>,
): FetchResponse {
  const isHtml = route.html !== undefined;
  const body = route.body ?? Buffer.from(route.html ?? '');
  const status = route.status ?? 200;
  return {
    requestedUrl: url,
    finalUrl: url,
    redirects: [],
    status,
    headers: {
      'content-type': route.contentType ?? (isHtml ? 'text/html; charset=utf-8' : 'application/octet-stream'),
      ...(route.etag ? { etag: route.etag } : {}),
    },
    contentType: (route.contentType ?? (isHtml ? 'text/html' : 'application/octet-stream')).split(
      ';',
    )[0] as string,
    isHtml,
    ...(isHtml ? { charset: 'utf-8', text: route.html } : {}),
    body: status === 304 ? Buffer.alloc(0) : body,
    unchanged: status === 304,
    fetchedAt: new Date().toISOString(),
    sha256: createHash('sha256').update(body).digest('hex'),
    attempts: 1,
    validators: route.etag ? { etag: route.etag } : {},
  };
}
