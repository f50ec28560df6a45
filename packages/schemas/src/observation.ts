import { z } from 'zod';
import {
  CrawlId,
  Excerpt,
  HttpUrl,
  IsoDateTime,
  PageKind,
  PipelineName,
  Sha256Hex,
  SourceKind,
} from './common.ts';
import { OBSERVATION_LIMITS as L } from './limits.ts';
import { LaRole, LegalForm, PartnershipType, Phase } from './register.ts';

/** A value with the words on the page that support it. */
function evidenced<T extends z.ZodType>(value: T) {
  return z.object({ value, excerpt: Excerpt });
}

// Size caps: see OBSERVATION_LIMITS.
const Name = z.string().max(L.name);
const Text = z.string().max(L.text);
const Code = z.string().max(L.code);
const Url = z.string().max(L.url);
const BoundedHttpUrl = HttpUrl.max(L.url);

export const ObservationSource = z.object({
  crawlId: CrawlId,
  pipeline: PipelineName,
  url: Url,
  fetchedAt: IsoDateTime,
  pageSha256: Sha256Hex,
  sourceKind: SourceKind,
  extractorVersion: Code.min(1),
  /** The LA whose site (or seed) the page came from, if any. */
  laCode: Name.optional(),
});
export type ObservationSource = z.infer<typeof ObservationSource>;

export const LookalikeType = z.enum([
  'multi-academy-trust',
  'bsf-local-education-partnership',
  'teaching-school-hub',
  'maths-hub',
  'research-school',
  'national-programme',
  'diocese',
  'council-service',
  'council-traded-company',
  'sport-culture-skills-partnership',
  'inclusion-only-partnership',
  'independent-state-partnership',
  'fe-college-group',
  'other',
]);
export type LookalikeType = z.infer<typeof LookalikeType>;

export const PartnershipFields = z.object({
  name: evidenced(Name.min(1)),
  aliases: z.array(Name).max(L.aliases).optional(),
  website: evidenced(BoundedHttpUrl).optional(),
  description: evidenced(Text).optional(),
  /** LA names or codes as the page states them; the normaliser resolves them through the gazetteer. */
  areas: z
    .array(evidenced(Name.min(1)))
    .max(L.areas)
    .optional(),
  type: evidenced(PartnershipType).optional(),
  legalForm: evidenced(LegalForm).optional(),
  companyNumber: evidenced(Code).optional(),
  charityNumber: evidenced(Code).optional(),
  foundedYear: evidenced(z.int()).optional(),
  memberCount: evidenced(z.int().min(0)).optional(),
  /** Member school names as the page writes them; with the words they were read from where the extractor has them. */
  memberSchools: z
    .array(z.union([Name, evidenced(Name.min(1))]))
    .max(L.memberSchools)
    .optional(),
  phases: evidenced(z.array(Phase).max(L.phases)).optional(),
  focusAreas: evidenced(z.array(Name).max(L.focusAreas)).optional(),
  contactUrl: evidenced(BoundedHttpUrl).optional(),
});
export type PartnershipFields = z.infer<typeof PartnershipFields>;

/** One mention of a possible partnership on one page, with the identification decision. */
export const PartnershipObservation = z.object({
  kind: z.literal('partnership'),
  observationId: Code.min(1),
  source: ObservationSource,
  decision: z.enum(['abep', 'lookalike', 'unclear']),
  lookalikeType: LookalikeType.optional(),
  /** Why the decision was made, for audit. */
  reason: Text.min(1),
  /** 0–1, from the cues that fired on this page (self-reference, page role, ABEP cues); the normaliser combines pages. */
  confidence: z.number().min(0).max(1).optional(),
  /** How the page relates the LA to the partnership, in its own words (e.g. "commissioned by the council"). */
  relationship: Text.optional(),
  fields: PartnershipFields,
});
export type PartnershipObservation = z.infer<typeof PartnershipObservation>;

export const LaRoleObservation = z.object({
  kind: z.literal('la-role'),
  observationId: Code.min(1),
  source: ObservationSource,
  /** DfE LA code, or the LA's name as the page states it (the normaliser resolves it through the gazetteer). */
  laCode: Name,
  roles: z.array(evidenced(LaRole)).max(L.roles),
});
export type LaRoleObservation = z.infer<typeof LaRoleObservation>;

/** A page was read for an LA, whatever was found on it: "nothing found" needs the pages looked at. */
export const PageExaminedObservation = z.object({
  kind: z.literal('page-examined'),
  observationId: Code.min(1),
  source: ObservationSource,
  laCode: Name.optional(),
  title: Name.optional(),
  /** The page's role, read from the page. */
  pageKind: PageKind.optional(),
  /** LA codes or names the page is about (beyond the seed LA), so "none found" can be said for them. */
  aboutLas: z.array(Name).max(L.aboutLas).optional(),
  /** Links the extractor thinks lead to partnership sites; other pipelines seed from these. */
  partnershipLinks: z.array(HttpUrl.max(L.link)).max(L.partnershipLinks).optional(),
  /** The crawl request's URL (page.fetched.v1 `url`), when it differs from source.url after redirects. */
  requestedUrl: Url.optional(),
  /**
   * crawl.requested messages the extractor published for this page (partnership sites to crawl), before this
   * observation: the crawl tracker waits to have seen them before counting the page settled.
   */
  seedsRequested: z.int().min(0).optional(),
  /**
   * Set when the page was examined but not (wholly) read: EXTRACT_FAILED, EXTRACT_BUDGET_EXCEEDED (over a
   * size or time bound), MESSAGE_TOO_LARGE (what was found did not fit on the bus).
   */
  failure: z.enum(['EXTRACT_FAILED', 'EXTRACT_BUDGET_EXCEEDED', 'MESSAGE_TOO_LARGE']).optional(),
  /** What the extractor cut to stay within OBSERVATION_LIMITS or its HTML bound, e.g. "aliases 100000→50". */
  truncated: z.array(z.string().max(L.name)).max(50).optional(),
});
export type PageExaminedObservation = z.infer<typeof PageExaminedObservation>;

export const ObservationV1 = z.discriminatedUnion('kind', [
  PartnershipObservation,
  LaRoleObservation,
  PageExaminedObservation,
]);
export type ObservationV1 = z.infer<typeof ObservationV1>;
