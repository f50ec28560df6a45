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

/** A link to a partnership's site found on another pipeline's page, with the LA of the page that linked it. */
export interface PartnershipLink {
  url: string;
  laCode?: string;
}

/**
 * What seeds are made from, by kind. A pipeline takes one kind (`Pipeline.input`); the crawl plan supplies
 * `local-authorities` and `urls`, and pages of pipelines whose `outputs` name `partnership-links` supply those.
 */
export interface SeedInputs {
  'local-authorities': readonly LaSeedInput[];
  'partnership-links': readonly PartnershipLink[];
  /** Directory and article URLs given by the crawl plan. */
  urls: readonly string[];
}
export type SeedInputKind = keyof SeedInputs;

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

export interface Pipeline<I extends SeedInputKind = SeedInputKind> {
  name: string;
  sourceKind: SourceKind;
  /** Stamped on every observation; bump when extraction rules change. */
  extractorVersion: string;
  /** What the crawler may follow from this pipeline's pages (`ScopeRules` of `@abep/schemas`). */
  scope: ScopeRules;
  /** What its seeds are made from. */
  input: I;
  /** The seed inputs its pages yield for other pipelines (read from their page-examined observations). */
  outputs: readonly SeedInputKind[];
  seeds(input: SeedInputs[I]): PipelineSeed[];
  /**
   * Pure. The result always ends with exactly one page-examined observation for the page. What the page is
   * (own site, council, news…) is read from the page, not from which pipeline fetched it.
   */
  extract(page: PageInput, places: Places): ObservationV1[];
}

/** A pipeline's seeds from whichever inputs are at hand: none when its own kind of input is absent. */
export function seedsFrom<I extends SeedInputKind>(
  pipeline: Pipeline<I>,
  inputs: Partial<SeedInputs>,
): PipelineSeed[] {
  const input = inputs[pipeline.input];
  return input ? pipeline.seeds(input) : [];
}
