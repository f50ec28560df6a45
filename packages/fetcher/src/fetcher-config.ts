import type { EnvFields } from '@abep/config';
import { z } from 'zod';

export const DEFAULT_AGENT = 'abep-register/0.1';
export const DEFAULT_CONTACT = '+https://github.com/abep-register/abep-register; data@abep-register.invalid';

/** `abep-register/0.1 (+https://…; data@…)`: a product token robots.txt groups can name, and a way to reach us. */
export function buildUserAgent(contact: string = DEFAULT_CONTACT, agent: string = DEFAULT_AGENT): string {
  return `${agent} (${contact})`;
}

// Coerced, so the same schema reads environment variables (strings) and objects.
const ms = z.coerce.number<number>().int().nonnegative();
const positive = z.coerce.number<number>().int().positive();
/** A duration a timer waits: at most Node's largest timer (2^31-1 ms); past it, a timer fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const duration = ms.max(MAX_TIMER_MS);
const positiveDuration = positive.max(MAX_TIMER_MS);

const ConfigObject = z.object({
  /** Omit to build one from `contact`. */
  userAgent: z.string().min(1).optional(),
  /** Contact (URL and/or e-mail) put in the default User-Agent; informational once userAgent is set. */
  contact: z.string().min(1).default(DEFAULT_CONTACT),
  /** Per-host limits; a host's robots.txt Crawl-delay raises the delay, never lowers it. */
  perHostConcurrency: positive.default(1),
  /** ms between request starts to one host; at most an hour. */
  perHostMinDelayMs: ms.max(3_600_000).default(1_000),
  /** Cap on requests in flight across hosts. */
  globalConcurrency: positive.default(16),
  /** A host's first request waits one delay (another process may have just started one to it). */
  waitOnFirstContact: z.boolean().default(true),
  timeouts: z
    .object({
      connectMs: positiveDuration.default(10_000),
      headersMs: positiveDuration.default(15_000),
      /** Idle time allowed between body chunks. */
      bodyMs: positiveDuration.default(15_000),
      /** Whole exchange (one attempt of one hop): connect, headers and body. */
      totalMs: positiveDuration.default(60_000),
    })
    .prefault({}),
  /** Caps the decompressed body too (gzip/brotli bombs). */
  maxBodyBytes: positive.min(1024).default(10 * 1024 * 1024),
  maxRedirects: ms.default(10),
  retry: z
    .object({
      /** Attempts in total, the first one included. */
      maxAttempts: positive.default(3),
      initialDelayMs: duration.default(500),
      maxDelayMs: duration.default(30_000),
      /** A Retry-After beyond this gives up at once (HTTP_TOO_MANY_REQUESTS / HTTP_SERVER_ERROR). */
      maxRetryAfterMs: duration.default(120_000),
    })
    .prefault({}),
  /** Media types whose bodies are decoded to UTF-8 text; others are recorded, not parsed. */
  htmlTypes: z.array(z.string().min(1)).default(['text/html', 'application/xhtml+xml']),
  respectRobots: z.boolean().default(true),
  /** CIDRs (or bare IPs, or host names) exempt from the private-network guard. Empty = guard everything. */
  allowPrivateNetworks: z
    .array(z.string().min(1))
    .default([])
    .refine((list) => list.every(validAllowEntry), { message: 'entries must be CIDRs, IPs or host names' }),
  proxyUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** How long a fetched robots.txt is trusted, and how long a 5xx/unreachable one blocks the origin. */
  robotsTtlMs: duration.default(24 * 60 * 60 * 1000),
  robotsErrorTtlMs: duration.default(10 * 60 * 1000),
  /** Upper bound on a robots.txt Crawl-delay obeyed (a hostile value must not stall a host for ever). */
  maxCrawlDelayMs: duration.default(60_000),
});

function validAllowEntry(entry: string): boolean {
  return /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) || /^[a-z0-9.-]+$/i.test(entry);
}

/** The one definition of the fetcher's settings: parses to a complete config (every field but the proxy). */
export const FetcherConfig = ConfigObject.transform(({ userAgent, ...rest }) => ({
  ...rest,
  userAgent: userAgent ?? buildUserAgent(rest.contact),
}));
export type FetcherConfig = z.output<typeof FetcherConfig>;
export type FetcherConfigInput = z.input<typeof FetcherConfig>;

/** The defaults, for overriding a field or two: `FetcherConfig.parse({ ...overrides })` is usually nicer. */
export function defaultFetcherConfig(overrides: FetcherConfigInput = {}): FetcherConfig {
  return FetcherConfig.parse(overrides);
}

/** The fetch settings an operator sets from the environment: a part of FetcherConfig, not a copy. */
export const FetchSettings = ConfigObject.pick({
  contact: true,
  perHostMinDelayMs: true,
  perHostConcurrency: true,
  globalConcurrency: true,
  maxBodyBytes: true,
});
export type FetchSettings = z.infer<typeof FetchSettings>;
export const fetchEnv: EnvFields<typeof FetchSettings> = {
  contact: { env: 'ABEP_FETCH_CONTACT', description: 'contact URL or email in the crawler User-Agent' },
  perHostMinDelayMs: {
    env: 'ABEP_FETCH_PER_HOST_DELAY_MS',
    description: 'ms between request starts to one host (Crawl-delay can only raise it)',
  },
  perHostConcurrency: { env: 'ABEP_FETCH_PER_HOST_CONCURRENCY', description: 'requests in flight per host' },
  globalConcurrency: {
    env: 'ABEP_FETCH_GLOBAL_CONCURRENCY',
    description: 'requests in flight per crawler process',
  },
  maxBodyBytes: { env: 'ABEP_FETCH_MAX_BODY_BYTES', description: 'largest (decompressed) body fetched' },
};
