export { type AddressGuard, createAddressGuard, type HostLookup, systemLookup } from './address-guard.ts';
export {
  type BoundedHtml,
  boundHtml,
  DEFAULT_HTML_BOUNDS,
  type HtmlBounds,
} from './bound-html.ts';
export { createFetcher, type FetcherDeps } from './create-fetcher.ts';
export { decodeHtml, mediaTypeOf } from './decode-html.ts';
export { toFetchError } from './fetch-errors.ts';
export type {
  Fetcher,
  FetchRequest,
  FetchResponse,
  HostState,
  RobotsInfo,
  WaitReason,
} from './fetcher.ts';
export {
  buildUserAgent,
  DEFAULT_AGENT,
  DEFAULT_CONTACT,
  defaultFetcherConfig,
  FetcherConfig,
  type FetcherConfigInput,
  FetchSettings,
  fetchEnv,
} from './fetcher-config.ts';
export { parseRetryAfterMs } from './retry-policy.ts';
