import { z } from 'zod';
import type { FetcherConfig as FetcherConfigShape } from './fetcher.ts';

export const DEFAULT_AGENT = 'abep-register/0.1';
export const DEFAULT_CONTACT = '+https://github.com/abep-register/abep-register; data@abep-register.invalid';

/** `abep-register/0.1 (+https://…; data@…)`: a product token robots.txt groups can name, and a way to reach us. */
export function buildUserAgent(contact: string = DEFAULT_CONTACT, agent: string = DEFAULT_AGENT): string {
  return `${agent} (${contact})`;
}

const ms = z.number().int().nonnegative();
const positive = z.number().int().positive();

const ConfigObject = z.object({
  /** Omit to build one from `contact`. */
  userAgent: z.string().min(1).optional(),
  contact: z.string().min(1).default(DEFAULT_CONTACT),
  perHostConcurrency: positive.default(1),
  perHostMinDelayMs: ms.default(1_000),
  globalConcurrency: positive.default(16),
  timeouts: z
    .object({
      connectMs: positive.default(10_000),
      headersMs: positive.default(15_000),
      /** Idle time allowed between body chunks. */
      bodyMs: positive.default(15_000),
      /** Whole exchange (one attempt of one hop): connect, headers and body. */
      totalMs: positive.default(60_000),
    })
    .prefault({}),
  maxBodyBytes: positive.default(10 * 1024 * 1024),
  maxRedirects: ms.default(10),
  retry: z
    .object({
      /** Attempts in total, the first one included. */
      maxAttempts: positive.default(3),
      initialDelayMs: ms.default(500),
      maxDelayMs: ms.default(30_000),
      /** A Retry-After beyond this gives up at once (HTTP_TOO_MANY_REQUESTS / HTTP_SERVER_ERROR). */
      maxRetryAfterMs: ms.default(120_000),
    })
    .prefault({}),
  htmlTypes: z.array(z.string().min(1)).default(['text/html', 'application/xhtml+xml']),
  respectRobots: z.boolean().default(true),
  /** CIDRs (or bare IPs, or host names) exempt from the private-network guard. Empty = guard everything. */
  allowPrivateNetworks: z
    .array(z.string().min(1))
    .default([])
    .refine((list) => list.every(validAllowEntry), { message: 'entries must be CIDRs, IPs or host names' }),
  proxyUrl: z.url({ protocol: /^https?$/ }).optional(),
  robotsTtlMs: ms.default(24 * 60 * 60 * 1000),
  robotsErrorTtlMs: ms.default(10 * 60 * 1000),
  maxCrawlDelayMs: ms.default(60_000),
});

function validAllowEntry(entry: string): boolean {
  return /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(entry) || /^[a-z0-9.-]+$/i.test(entry);
}

/** Parses to a complete FetcherConfig; every field has a default except the proxy. */
export const FetcherConfig = ConfigObject.transform(
  ({ userAgent, ...rest }) =>
    ({ ...rest, userAgent: userAgent ?? buildUserAgent(rest.contact) }) satisfies Required<
      Omit<FetcherConfigShape, 'proxyUrl'>
    > &
      Pick<FetcherConfigShape, 'proxyUrl'>,
);
export type FetcherConfig = FetcherConfigShape;
export type FetcherConfigInput = z.input<typeof FetcherConfig>;
export type ResolvedFetcherConfig = z.output<typeof FetcherConfig>;

/** The defaults, for overriding a field or two: `FetcherConfig.parse({ ...overrides })` is usually nicer. */
export function defaultFetcherConfig(overrides: FetcherConfigInput = {}): ResolvedFetcherConfig {
  return FetcherConfig.parse(overrides);
}
