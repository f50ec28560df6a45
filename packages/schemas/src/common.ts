import { z } from 'zod';
import { RECORD_LIMITS as R } from './limits.ts';

export const IsoDateTime = z.iso.datetime({ offset: true });
/** An http(s) URL no longer than servers commonly accept in a request line (8 KiB), on every topic. */
export const HttpUrl = z.url({ protocol: /^https?$/ }).max(R.url);
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');
/** DfE 3-digit LA code, kept as a string ("202", not 202). */
export const LaCode = z.string().regex(/^\d{3}$/, 'DfE 3-digit LA code');
/** ONS 9-character GSS code, e.g. E09000014. */
export const GssCode = z.string().regex(/^[EWSN]\d{8}$/, 'ONS GSS code');
export const RegionCode = z.string().regex(/^E12\d{6}$/, 'ONS region code');
export const CrawlId = z.string().min(1).max(100);
export const PipelineName = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'kebab-case pipeline name');
/** Evidence excerpts are capped so a snapshot quotes, never republishes, a page. */
export const EXCERPT_MAX = 300;
export const Excerpt = z.string().max(EXCERPT_MAX);

/** Where a fact came from, so a person can check it. */
export const SourceKind = z.enum(['own-site', 'council', 'third-party', 'curated']);
export type SourceKind = z.infer<typeof SourceKind>;

/**
 * What a page is, read from the page itself (never from the pipeline that fetched it): a partnership's own
 * site, a council page or committee paper, news, a report/directory/mirror/registry, a page of a look-alike
 * body (trust, hub, council company…), or unrelated to school partnerships.
 */
export const PageKind = z.enum([
  'own-site',
  'council',
  'news',
  'directory-or-report',
  'lookalike',
  'unrelated',
]);
export type PageKind = z.infer<typeof PageKind>;

export const Provenance = z.object({
  sourceUrl: z.string().max(R.url),
  fetchedAt: IsoDateTime,
  sourceKind: SourceKind,
  excerpt: Excerpt.optional(),
  extractorVersion: z.string().min(1).max(R.code),
  /** On `name` entries: how sure this source makes us that the body is an area-based partnership (0–1). */
  confidence: z.number().min(0).max(1).optional(),
  /** Only for curated facts: who made the correction and why. */
  curatedBy: z.string().max(R.code).optional(),
  reason: z.string().max(R.text).optional(),
});
export type Provenance = z.infer<typeof Provenance>;
