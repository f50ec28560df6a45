import type { Logger } from '@abep/logger';
import type { AbepError } from '@abep/schemas';
import robotsParserModule from 'robots-parser';
import type { ExchangeResult } from './exchange.ts';
import { toFetchError } from './fetch-errors.ts';
import type { RobotsInfo } from './fetcher.ts';
import { compileRules, findRule } from './robots-rules.ts';

/** RFC 9309 §2.3.1.2 / §2.5. */
const MAX_ROBOTS_REDIRECTS = 5;
export const MAX_ROBOTS_BYTES = 512 * 1024;
const MAX_CACHED_ORIGINS = 10_000;

/** Failures that say nothing about the site's wishes: reported as they are, never cached as a robots verdict. */
const PASS_THROUGH = new Set([
  'FETCH_DNS',
  'FETCH_REFUSED',
  'PRIVATE_ADDRESS',
  'URL_INVALID',
  'URL_SCHEME_UNSUPPORTED',
]);

export interface RobotsCache {
  /** The robots.txt verdict for `url`'s origin, fetched at most once per TTL (concurrent callers share one fetch). */
  get(url: URL): Promise<RobotsInfo>;
  clear(): void;
}

export interface RobotsCacheOptions {
  userAgent: string;
  ttlMs: number;
  errorTtlMs: number;
  maxCrawlDelayMs: number;
  /** One GET of a robots.txt URL (politeness, guard and caps applied by the caller). */
  fetchOnce(url: URL): Promise<ExchangeResult>;
  /**
   * A timeout, network error, 429 or 5xx is asked again up to `maxAttempts` times in all, `delayMs(attempt)`
   * apart, before the origin is held disallowed for errorTtlMs: one slow answer must not drop a whole site.
   */
  retry?: { maxAttempts: number; delayMs(attempt: number): number };
  logger: Logger;
  now?: () => number;
}

// robots-parser is CommonJS (module.exports = fn) but its typings declare a default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

const allowAll = (status: RobotsInfo['status']): RobotsInfo => ({
  isAllowed: () => true,
  sitemaps: [],
  status,
});
const disallowAll = (): RobotsInfo => ({ isAllowed: () => false, sitemaps: [], status: 'unavailable' });

/** robots-parser's user-agent key: lower case, version stripped. */
function agentKey(userAgent: string): string {
  const lower = userAgent.toLowerCase();
  const slash = lower.indexOf('/');
  return (slash > -1 ? lower.slice(0, slash) : lower).trim();
}

const withPort = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

/**
 * robots-parser groups the rules by user agent; its per-check matcher is replaced by compiled rules
 * (robots-rules.ts) so a check costs at most the path's length per rule. If the library's rule table is not
 * where 3.x keeps it, its own matcher is used.
 */
function allowedFor(robotsUrl: string, robots: ReturnType<typeof robotsParser>, userAgent: string) {
  const table = (robots as unknown as { _rules?: Record<string, ParsedRules> })._rules;
  if (!table || typeof table !== 'object') return (url: string) => robots.isAllowed(url, userAgent) !== false;
  const rules = compileRules(table[agentKey(userAgent)] ?? table['*'] ?? []);
  const base = new URL(robotsUrl);
  return (url: string) => {
    const u = new URL(url);
    // As robots-parser: a robots.txt says nothing about another origin's URLs.
    if (u.protocol !== base.protocol || u.hostname !== base.hostname || withPort(u) !== withPort(base))
      return true;
    const path = (u.pathname + u.search).replace(/%[0-9a-fA-F]{2}/g, (m) => m.toUpperCase());
    const rule = findRule(path, rules);
    return !rule || rule.allow;
  };
}
type ParsedRules = { pattern: string; allow: boolean }[];

export function parseRobotsTxt(
  robotsUrl: string,
  text: string,
  userAgent: string,
  maxCrawlDelayMs: number,
): RobotsInfo {
  const robots = robotsParser(robotsUrl, text);
  const delaySeconds = robots.getCrawlDelay(userAgent);
  const allowed = allowedFor(robotsUrl, robots, userAgent);
  const info: RobotsInfo = {
    isAllowed: (url) => new URL(url).pathname === '/robots.txt' || allowed(url),
    sitemaps: robots.getSitemaps(),
    status: 'parsed',
  };
  if (typeof delaySeconds === 'number' && Number.isFinite(delaySeconds) && delaySeconds > 0) {
    info.crawlDelayMs = Math.min(Math.round(delaySeconds * 1000), maxCrawlDelayMs);
  }
  return info;
}

export function createRobotsCache(options: RobotsCacheOptions): RobotsCache {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { info: RobotsInfo; expiresAt: number }>();
  const pending = new Map<string, Promise<RobotsInfo>>();
  const log = options.logger;

  const maxAttempts = Math.max(1, options.retry?.maxAttempts ?? 1);
  const pause = (attempt: number) =>
    new Promise<void>((resolve) => setTimeout(resolve, options.retry?.delayMs(attempt) ?? 0).unref());
  /** One URL's answer, asked again while it fails in a way that says nothing about the site's wishes. */
  const fetchWithRetries = async (url: URL): Promise<ExchangeResult> => {
    for (let attempt = 1; ; attempt++) {
      let result: ExchangeResult;
      try {
        result = await options.fetchOnce(url);
      } catch (error) {
        const failure = toFetchError(error, url.href);
        const transient = failure.retriable && !PASS_THROUGH.has(failure.code);
        if (!transient || attempt >= maxAttempts) throw error;
        log.debug({ url: url.href, code: failure.code, attempt }, 'robots.txt not answered; asking again');
        await pause(attempt);
        continue;
      }
      if ((result.status === 429 || result.status >= 500) && attempt < maxAttempts) {
        log.debug({ url: url.href, status: result.status, attempt }, 'robots.txt not answered; asking again');
        await pause(attempt);
        continue;
      }
      return result;
    }
  };

  const load = async (origin: string): Promise<{ info: RobotsInfo; ttlMs: number }> => {
    let url = new URL('/robots.txt', origin);
    try {
      for (let hop = 0; hop <= MAX_ROBOTS_REDIRECTS; hop++) {
        const result = await fetchWithRetries(url);
        const location = result.headers.location;
        if (result.status >= 300 && result.status < 400 && location) {
          url = new URL(location, url);
          continue;
        }
        if (result.status >= 200 && result.status < 300) {
          const text = result.body.toString('utf8');
          return {
            info: parseRobotsTxt(url.href, text, options.userAgent, options.maxCrawlDelayMs),
            ttlMs: options.ttlMs,
          };
        }
        if (result.status === 429 || result.status >= 500) {
          log.warn({ origin, status: result.status }, 'robots.txt unavailable; origin disallowed for now');
          return { info: disallowAll(), ttlMs: options.errorTtlMs };
        }
        return { info: allowAll('missing'), ttlMs: options.ttlMs };
      }
      return { info: allowAll('missing'), ttlMs: options.ttlMs };
    } catch (error) {
      const failure: AbepError = toFetchError(error, url.href);
      if (PASS_THROUGH.has(failure.code)) throw failure;
      log.warn({ origin, code: failure.code }, 'robots.txt unreachable; origin disallowed for now');
      return { info: disallowAll(), ttlMs: options.errorTtlMs };
    }
  };

  return {
    async get(url) {
      const origin = url.origin;
      const hit = cache.get(origin);
      if (hit && hit.expiresAt > now()) return hit.info;
      const inFlight = pending.get(origin);
      if (inFlight) return inFlight;
      const promise = load(origin)
        .then(({ info, ttlMs }) => {
          cache.delete(origin);
          cache.set(origin, { info, expiresAt: now() + ttlMs });
          if (cache.size > MAX_CACHED_ORIGINS) cache.delete(cache.keys().next().value as string);
          return info;
        })
        .finally(() => pending.delete(origin));
      pending.set(origin, promise);
      return promise;
    },
    clear() {
      cache.clear();
    },
  };
}
