import type { ObservationV1, ScopeRules, SourceKind } from '@abep/schemas';
import type { Places } from './places.ts';

export type { ScopeRules } from '@abep/schemas';

/** A seed URL, CrawlRequested-shaped minus what the scheduler adds (crawlId, requestedAt, depth 0). */
export interface PipelineSeed {
  url: string;
  laCode?: string;
}

export interface LaSeedInput {
  laCode: string;
  name: string;
  website?: string;
}

/** What seeds are made from: the LA list, and links other pipelines found (PageExaminedObservation.partnershipLinks). */
export interface SeedContext {
  localAuthorities?: readonly LaSeedInput[];
  partnershipLinks?: readonly { url: string; laCode?: string }[];
  /** Directory and article URLs to read (sector-directories). */
  urls?: readonly string[];
}

/** One fetched HTML page, decoded, with its crawl context. */
export interface PageInput {
  url: string;
  finalUrl: string;
  html: string;
  fetchedAt: string;
  sha256: string;
  laCode?: string;
  crawlId: string;
  pipeline: string;
}

export interface Pipeline {
  name: string;
  sourceKind: SourceKind;
  /** Stamped on every observation; bump when extraction rules change. */
  extractorVersion: string;
  /** What the crawler may follow from this pipeline's pages (`ScopeRules` of `@abep/schemas`). */
  scope: ScopeRules;
  seeds(context: SeedContext): PipelineSeed[];
  /**
   * Pure. The result always ends with exactly one page-examined observation for the page. What the page is
   * (own site, council, news…) is read from the page, not from which pipeline fetched it.
   */
  extract(page: PageInput, places: Places): ObservationV1[];
}
