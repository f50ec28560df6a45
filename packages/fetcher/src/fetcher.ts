/**
 * The fetcher's public contract, shared by the crawler and anything that fetches for the register.
 * Implementation: create-fetcher.ts (undici + per-host p-queue); configuration (one zod schema): fetcher-config.ts.
 */

export interface FetchRequest {
  url: string;
  /** Validators remembered from an earlier crawl; a 304 comes back with unchanged = true. */
  conditional?: { etag?: string; lastModified?: string };
  signal?: AbortSignal;
}

export interface FetchResponse {
  requestedUrl: string;
  /** After redirects. */
  finalUrl: string;
  redirects: string[];
  status: number;
  /** Final response headers, lower-case names. */
  headers: Record<string, string>;
  /** Media type without parameters, lower-case. */
  contentType: string;
  isHtml: boolean;
  /** The charset the HTML was decoded from (sniffed: BOM, header, meta, then default). */
  charset?: string;
  /** Payload after content-encoding was removed, as the server sent it (not re-encoded). */
  body: Buffer;
  /** UTF-8 text of an HTML body. */
  text?: string;
  unchanged: boolean;
  fetchedAt: string;
  /** sha256 hex of `body`. */
  sha256: string;
  attempts: number;
  validators: { etag?: string; lastModified?: string };
}

export interface RobotsInfo {
  isAllowed(url: string): boolean;
  crawlDelayMs?: number;
  sitemaps: string[];
  /**
   * parsed: a 2xx robots.txt; missing: 4xx, allow all; unavailable: 5xx or unreachable, disallow all until
   * robotsErrorTtlMs passes (RFC 9309 §2.3.1.4).
   */
  status?: 'parsed' | 'missing' | 'unavailable';
}

/**
 * Why a host's next request has not started: its politeness gap (the configured delay, or a larger robots.txt
 * Crawl-delay), a Retry-After (429/503), a retry backoff after a failure, or every global slot being taken.
 */
export type WaitReason = 'politeness' | 'crawl-delay' | 'retry-after' | 'backoff' | 'global-concurrency';

export interface HostState {
  host: string;
  /** Requests waiting for their start. */
  queued: number;
  inFlight: number;
  /** Epoch ms when the host may start its next request (absent when only a global slot is awaited). */
  waitingUntil?: number;
  waitingFor?: WaitReason;
}

/**
 * fetch resolves with the final response for 2xx, 304 and 4xx (the caller decides what a 404 means), and
 * throws AbepError for everything else: FETCH_TIMEOUT, FETCH_DNS, FETCH_REFUSED, FETCH_NETWORK,
 * HTTP_SERVER_ERROR and HTTP_TOO_MANY_REQUESTS (after retries), ROBOTS_DISALLOWED, ROBOTS_UNAVAILABLE, BODY_TOO_LARGE,
 * REDIRECT_LIMIT, REDIRECT_LOOP, PRIVATE_ADDRESS, URL_INVALID, URL_SCHEME_UNSUPPORTED.
 * Requests to one host are spaced and limited per the config and robots.txt.
 */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  robots(url: string): Promise<RobotsInfo>;
  hosts(): HostState[];
  /** The URL's host may have been fetched by another process since this one did: its next fetch waits a full delay. */
  recontact(url: string): void;
  close(): Promise<void>;
}
