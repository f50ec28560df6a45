import { createHash } from 'node:crypto';
import type { Logger } from '@abep/logger';
import { AbepError, assertUrlLength, backoffDelayMs } from '@abep/schemas';
import { createAddressGuard, type HostLookup, systemLookup } from './address-guard.ts';
import { decodeHtml, mediaTypeOf, sniffMediaType } from './decode-html.ts';
import { createDispatcher } from './dispatcher.ts';
import { type ExchangeResult, exchange } from './exchange.ts';
import { toFetchError } from './fetch-errors.ts';
import type { Fetcher, FetchRequest, FetchResponse, RobotsInfo } from './fetcher.ts';
import { FetcherConfig, type FetcherConfigInput } from './fetcher-config.ts';
import { createHostScheduler, type GapReason, type PauseReason } from './host-scheduler.ts';
import { isRetriableStatus, parseRetryAfterMs } from './retry-policy.ts';
import { createRobotsCache, MAX_ROBOTS_BYTES } from './robots.ts';

export interface FetcherDeps {
  logger: Logger;
  /** DNS resolution for the private-network guard; defaults to dns.lookup(all). Tests inject names → 127.0.0.1. */
  lookup?: HostLookup;
  random?: () => number;
  /** The clock stamped on responses (fetchedAt); fixed in reproducibility tests. */
  now?: () => Date;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

function targetUrl(raw: string, from?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, from);
  } catch (cause) {
    throw new AbepError('URL_INVALID', `not a valid URL: ${raw.slice(0, 200)}`, {
      cause,
      details: { url: raw.slice(0, 200) },
    });
  }
  assertUrlLength(url.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AbepError('URL_SCHEME_UNSUPPORTED', `only http and https are fetched, not ${url.protocol}`, {
      details: { url: url.href.slice(0, 200), ...(from ? { redirectedFrom: from.href } : {}) },
    });
  }
  url.hash = '';
  return url;
}

export function createFetcher(input: FetcherConfig | FetcherConfigInput, deps: FetcherDeps): Fetcher {
  const config = FetcherConfig.parse(input);
  const log = deps.logger.child({ component: 'fetcher' });
  const random = deps.random ?? Math.random;
  const guard = createAddressGuard(config.allowPrivateNetworks, deps.lookup ?? systemLookup);
  const dispatcher = createDispatcher(
    {
      connectTimeoutMs: config.timeouts.connectMs,
      headersTimeoutMs: config.timeouts.headersMs,
      bodyTimeoutMs: config.timeouts.bodyMs,
      perHostConcurrency: config.perHostConcurrency,
      proxyUrl: config.proxyUrl,
    },
    guard,
  );
  const scheduler = createHostScheduler(config);
  const htmlTypes = new Set(config.htmlTypes.map((t) => t.toLowerCase()));
  let closed = false;

  const baseHeaders = {
    'user-agent': config.userAgent,
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'accept-language': 'en-GB,en;q=0.8',
  };

  /** One polite, guarded exchange with `url`'s host. */
  const send = async (
    url: URL,
    delay: { ms: number; reason: GapReason },
    headers: Record<string, string>,
    wantBody: (status: number, headers: Record<string, string>) => boolean,
    extra: { signal?: AbortSignal; maxBodyBytes?: number; onLimit?: 'throw' | 'truncate' } = {},
  ): Promise<ExchangeResult> => {
    if (closed) throw new AbepError('INTERNAL', 'fetcher is closed', { retriable: true });
    guard.checkHost(url.hostname);
    // Through a proxy the proxy resolves names; pre-check them here (best effort, a rebinding gap remains).
    if (config.proxyUrl) await guard.resolve(url.hostname);
    return scheduler.run(
      url.host,
      delay,
      () =>
        exchange(dispatcher, url, {
          headers: { ...baseHeaders, ...headers },
          signal: extra.signal,
          headersTimeoutMs: config.timeouts.headersMs,
          bodyTimeoutMs: config.timeouts.bodyMs,
          totalTimeoutMs: config.timeouts.totalMs,
          maxBodyBytes: extra.maxBodyBytes ?? config.maxBodyBytes,
          onLimit: extra.onLimit,
          wantBody,
        }),
      extra.signal,
    );
  };

  const robotsCache = createRobotsCache({
    userAgent: config.userAgent,
    ttlMs: config.robotsTtlMs,
    errorTtlMs: config.robotsErrorTtlMs,
    maxCrawlDelayMs: config.maxCrawlDelayMs,
    logger: log,
    retry: {
      maxAttempts: config.retry.maxAttempts,
      delayMs: (attempt) => backoffDelayMs(attempt, config.retry, random),
    },
    fetchOnce: (url) =>
      send(
        url,
        { ms: config.perHostMinDelayMs, reason: 'politeness' },
        { accept: 'text/plain,*/*;q=0.5' },
        (status) => status >= 200 && status < 300,
        {
          maxBodyBytes: Math.min(config.maxBodyBytes, MAX_ROBOTS_BYTES),
          onLimit: 'truncate',
        },
      ),
  });

  const hostDelay = (robots: RobotsInfo | undefined): { ms: number; reason: GapReason } => {
    const crawlDelay = robots?.crawlDelayMs ?? 0;
    return crawlDelay > config.perHostMinDelayMs
      ? { ms: crawlDelay, reason: 'crawl-delay' }
      : { ms: config.perHostMinDelayMs, reason: 'politeness' };
  };

  /** One hop with retries on network errors, 429 and 5xx. */
  const sendWithRetries = async (
    url: URL,
    robots: RobotsInfo | undefined,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<{ result: ExchangeResult; attempts: number }> => {
    const { maxAttempts, maxRetryAfterMs } = config.retry;
    const wantBody = (status: number, h: Record<string, string>) =>
      !isRetriableStatus(status) && !(REDIRECT_STATUSES.has(status) && h.location) && status !== 304;
    for (let attempt = 1; ; attempt++) {
      let failure: AbepError;
      let retryAfterMs: number | undefined;
      let pauseFor: PauseReason = 'backoff';
      try {
        const result = await send(url, hostDelay(robots), headers, wantBody, signal ? { signal } : {});
        if (!isRetriableStatus(result.status)) return { result, attempts: attempt };
        retryAfterMs = parseRetryAfterMs(result.headers['retry-after']);
        const code = result.status === 429 ? 'HTTP_TOO_MANY_REQUESTS' : 'HTTP_SERVER_ERROR';
        failure = new AbepError(code, `HTTP ${result.status}: ${url.href}`, {
          retriable: true,
          details: {
            url: url.href,
            status: result.status,
            attempts: attempt,
            ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
          },
        });
        if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
          scheduler.pause(url.host, Date.now() + maxRetryAfterMs, 'retry-after');
          throw new AbepError(
            code,
            `HTTP ${result.status} asks to wait ${retryAfterMs} ms, over the ${maxRetryAfterMs} ms cap: ${url.href}`,
            {
              retriable: true,
              details: { url: url.href, status: result.status, attempts: attempt, retryAfterMs },
            },
          );
        }
        if (retryAfterMs !== undefined) pauseFor = 'retry-after';
        if (result.status === 429 && retryAfterMs === undefined)
          retryAfterMs = backoffDelayMs(attempt, config.retry, random);
      } catch (error) {
        failure = toFetchError(error, url.href);
        if (
          !failure.retriable ||
          failure.code === 'DEADLINE_EXCEEDED' ||
          failure.code === 'HTTP_TOO_MANY_REQUESTS' ||
          failure.code === 'HTTP_SERVER_ERROR'
        ) {
          throw failure;
        }
      }
      if (attempt >= maxAttempts) {
        if (failure.details) failure.details.attempts = attempt;
        throw failure;
      }
      // The whole host waits (a failing host is asked less, not more); the retry queues behind the pause.
      const waitMs = retryAfterMs ?? backoffDelayMs(attempt, config.retry, random);
      scheduler.pause(url.host, Date.now() + waitMs, pauseFor);
      log.warn(
        { host: url.host, code: failure.code, attempt, waitMs, reason: pauseFor },
        'retrying after a pause',
      );
    }
  };

  const robotsFor = async (url: URL): Promise<RobotsInfo | undefined> => {
    if (!config.respectRobots) return undefined;
    const robots = await robotsCache.get(url);
    if (robots.status === 'unavailable') {
      throw new AbepError(
        'ROBOTS_UNAVAILABLE',
        `robots.txt of ${url.origin} is unavailable; not fetching for now`,
        {
          retriable: true,
          details: { url: url.href },
        },
      );
    }
    if (!robots.isAllowed(url.href)) {
      throw new AbepError('ROBOTS_DISALLOWED', `robots.txt disallows ${url.href}`, {
        details: { url: url.href },
      });
    }
    return robots;
  };

  const toResponse = (
    request: FetchRequest,
    url: URL,
    redirects: string[],
    result: ExchangeResult,
    attempts: number,
  ): FetchResponse => {
    const { status, headers, body } = result;
    const contentType = mediaTypeOf(headers['content-type']) || (body.length > 0 ? sniffMediaType(body) : '');
    const isHtml = htmlTypes.has(contentType) && status !== 304;
    const response: FetchResponse = {
      requestedUrl: request.url,
      finalUrl: url.href,
      redirects,
      status,
      headers,
      contentType,
      isHtml,
      body,
      unchanged: status === 304,
      fetchedAt: (deps.now?.() ?? new Date()).toISOString(),
      sha256: createHash('sha256').update(body).digest('hex'),
      attempts,
      validators: {},
    };
    if (isHtml) {
      const { charset, text } = decodeHtml(body, headers['content-type']);
      response.charset = charset;
      response.text = text;
    }
    const etag = headers.etag ?? (status === 304 ? request.conditional?.etag : undefined);
    const lastModified =
      headers['last-modified'] ?? (status === 304 ? request.conditional?.lastModified : undefined);
    if (etag) response.validators.etag = etag;
    if (lastModified) response.validators.lastModified = lastModified;
    return response;
  };

  return {
    async fetch(request) {
      let url = targetUrl(request.url);
      const redirects: string[] = [];
      const seen = new Set([url.href]);
      let attempts = 0;
      for (;;) {
        const robots = await robotsFor(url);
        const headers: Record<string, string> = {};
        if (redirects.length === 0 && request.conditional?.etag)
          headers['if-none-match'] = request.conditional.etag;
        if (redirects.length === 0 && request.conditional?.lastModified) {
          headers['if-modified-since'] = request.conditional.lastModified;
        }
        const hop = await sendWithRetries(url, robots, headers, request.signal);
        attempts += hop.attempts;
        const location = hop.result.headers.location;
        if (!REDIRECT_STATUSES.has(hop.result.status) || !location) {
          log.debug(
            { url: url.href, status: hop.result.status, bytes: hop.result.body.length, attempts },
            'fetched',
          );
          return toResponse(request, url, redirects, hop.result, attempts);
        }
        const next = targetUrl(location, url);
        const details = { url: request.url, redirects: [...redirects, next.href] };
        if (seen.has(next.href)) {
          throw new AbepError('REDIRECT_LOOP', `redirect loop back to ${next.href}`, { details });
        }
        if (redirects.length >= config.maxRedirects) {
          throw new AbepError(
            'REDIRECT_LIMIT',
            `more than ${config.maxRedirects} redirects from ${request.url}`,
            { details },
          );
        }
        seen.add(next.href);
        redirects.push(next.href);
        url = next;
      }
    },

    async robots(rawUrl) {
      return robotsCache.get(targetUrl(rawUrl));
    },

    recontact(url) {
      try {
        scheduler.recontact(new URL(url).host);
      } catch {
        // not a URL: nothing was fetched from it
      }
    },
    hosts() {
      return scheduler.states();
    },

    async close() {
      closed = true;
      scheduler.clear();
      robotsCache.clear();
      await dispatcher.destroy();
    },
  };
}
