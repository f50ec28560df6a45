import { z } from 'zod';
import { Excerpt, GssCode, HttpUrl, IsoDateTime, LaCode, Provenance, RegionCode } from './common.ts';
import { RECORD_LIMITS as R } from './limits.ts';

// Size caps: see RECORD_LIMITS (the normaliser trims records to them before publishing).
const Name = z.string().max(R.name);
const Text = z.string().max(R.text);
const Code = z.string().max(R.code);
const Url = z.string().max(R.url);
const BoundedHttpUrl = HttpUrl.max(R.url);

/** The research typology (Turning the Tide, 2023): who leads the partnership. */
export const PartnershipType = z.enum(['schools-led', 'joint-with-la', 'la-coordinated', 'unknown']);
export type PartnershipType = z.infer<typeof PartnershipType>;

export const LegalForm = z.enum([
  'company-limited-by-guarantee',
  'company-limited-by-shares',
  'charitable-company',
  'charitable-incorporated-organisation',
  'community-interest-company',
  'unincorporated',
  'council-board',
  'unknown',
]);
export type LegalForm = z.infer<typeof LegalForm>;

export const Phase = z.enum([
  'early-years',
  'primary',
  'secondary',
  'special',
  'alternative-provision',
  'post-16',
  'all-through',
]);
export type Phase = z.infer<typeof Phase>;

export const PartnershipStatus = z.enum(['active', 'inactive']);

/** Companies House numbers are 8 characters (2-letter prefix or zero-padded digits). */
export const CompanyNumber = z
  .string()
  .regex(/^(?:[A-Z]{2}\d{6}|\d{8})$/, 'Companies House number, 8 characters');
/** Charity Commission (England and Wales) registered number, 6 or 7 digits. */
export const CharityNumber = z.string().regex(/^\d{6,7}$/, 'registered charity number');

export const LaRef = z.object({ laCode: LaCode, gssCode: GssCode, name: Name.min(1) });
export type LaRef = z.infer<typeof LaRef>;

export const RegionRef = z.object({ code: RegionCode, name: Name.min(1) });

/** Field name → every source that stated it; the first entry is the one the value was taken from. */
export const FieldProvenance = z
  .record(Code, z.array(Provenance).min(1).max(R.provenanceSources))
  .refine((p) => Object.keys(p).length <= R.provenanceFields, {
    message: `at most ${R.provenanceFields} fields with provenance`,
  })
  .meta({ maxProperties: R.provenanceFields });

/** How a member school's name on a page was matched to a GIAS school within the partnership's LAs. */
export const SchoolMatchKind = z.enum(['exact', 'variant', 'fuzzy', 'ambiguous', 'unresolved']);
export type SchoolMatchKind = z.infer<typeof SchoolMatchKind>;

/** A member school as a page names it, resolved to a GIAS URN where that can be done without guessing. */
export const MemberSchool = z.object({
  /** The name as the page writes it. */
  name: Name.min(1),
  match: SchoolMatchKind,
  urn: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  giasName: Name.optional(),
  laCode: LaCode.optional(),
  /** GIAS phase of education, as a slug (primary, secondary, middle-deemed-primary, 16-plus…). */
  phase: Code.optional(),
  /** A closed URN whose (old) name matched, carried on by `urn` through GIAS successor links. */
  viaUrn: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** For an ambiguous name: the schools it could be; none is picked. */
  candidates: z
    .array(z.object({ urn: z.string().regex(/^\d{6}$/), name: Name }))
    .max(R.candidates)
    .optional(),
  sourceUrl: Url.min(1),
  excerpt: Excerpt.optional(),
});
export type MemberSchool = z.infer<typeof MemberSchool>;

export const PartnershipV1 = z.object({
  kind: z.literal('partnership'),
  /** Stable id, e.g. "abep-3f9c2a1b"; survives recrawls, renames and page moves. */
  id: Code.regex(/^abep-[0-9a-z]{8,}$/),
  name: Name.min(1),
  aliases: z.array(Name).max(R.aliases),
  website: BoundedHttpUrl.optional(),
  description: Text.optional(),
  localAuthorities: z.array(LaRef).max(R.localAuthorities),
  regions: z.array(RegionRef).max(R.regions),
  type: PartnershipType,
  legalForm: LegalForm,
  companyNumber: CompanyNumber.optional(),
  charityNumber: CharityNumber.optional(),
  foundedYear: z.int().min(1900).max(2100).optional(),
  memberCount: z.int().min(0).optional(),
  /** GIAS URNs of member schools, where they could be resolved. */
  memberSchoolUrns: z.array(z.string().regex(/^\d{6}$/)).max(R.memberSchoolUrns),
  /** Every member school a page names, with its match and evidence; memberCount stays the count the pages state. */
  memberSchools: z.array(MemberSchool).max(R.memberSchools).optional(),
  phases: z.array(Phase).max(R.phases),
  focusAreas: z.array(Name).max(R.focusAreas),
  contactUrl: BoundedHttpUrl.optional(),
  status: PartnershipStatus,
  firstSeen: IsoDateTime,
  lastSeen: IsoDateTime,
  /** Crawls since the partnership was last observed; drives status. */
  crawlsUnseen: z.int().min(0),
  provenance: FieldProvenance,
  /**
   * 0–1, from the evidence: independent pages, own site or third party, the cues that fired. Records below
   * PUBLISH_CONFIDENCE are published as candidates (partnership-candidates.*), not in the register.
   */
  confidence: z.number().min(0).max(1).optional(),
  /**
   * Set when the record no longer stands on its own: merged into another record or suppressed as a false
   * positive by a curated correction. The compacted topic keeps the id, so consumers leave such records out.
   */
  withdrawn: z.object({ reason: Text.min(1), mergedInto: Code.optional(), by: Code.optional() }).optional(),
});
export type PartnershipV1 = z.infer<typeof PartnershipV1>;

/** A partnership record with less confidence than this is a candidate for a person to promote, not a register entry. */
export const PUBLISH_CONFIDENCE = 0.6;

/** The LA's own role in school improvement (CfEY, 2023). An empty list means none was found. */
export const LaRole = z.enum(['funder', 'convener', 'deliverer']);
export type LaRole = z.infer<typeof LaRole>;

export const LocalAuthorityProfileV1 = z.object({
  kind: z.literal('local-authority'),
  laCode: LaCode,
  gssCode: GssCode,
  name: Name.min(1),
  region: RegionRef,
  website: Url.optional(),
  roles: z.array(LaRole).max(R.roles),
  partnershipIds: z.array(Code).max(R.partnershipIds),
  /** Pages examined for this LA, so "nothing found" is a result a person can check. */
  pagesExamined: z.array(Url).max(R.pagesExamined),
  /**
   * crawled: the last crawl that reached this LA read its pages (at lastCrawled); unreachable: the last crawl
   * that tried could not read it, and the roles and pages of the last successful read are kept; not-crawled:
   * never read. A crawl whose plan leaves an LA out does not change its profile.
   */
  coverage: z.enum(['crawled', 'unreachable', 'not-crawled']),
  /**
   * Open English state schools in the LA (GIAS list of July 2025) by phase, and where a partnership's member list
   * is known, how many of them are resolved members and their share of the total. Absent without the school lists.
   */
  schools: z
    .object({
      openStateSchools: z.int().min(0),
      byPhase: z
        .record(Code, z.int().min(0))
        .refine((b) => Object.keys(b).length <= R.schoolPhases, {
          message: `at most ${R.schoolPhases} phases`,
        })
        .meta({ maxProperties: R.schoolPhases }),
      memberSchools: z.int().min(0).optional(),
      memberShare: z.number().min(0).max(1).optional(),
    })
    .optional(),
  lastCrawled: IsoDateTime.optional(),
  provenance: FieldProvenance,
});
export type LocalAuthorityProfileV1 = z.infer<typeof LocalAuthorityProfileV1>;

/** One message on the compacted register topic: key = `partnership:<id>` or `la:<laCode>`. */
export const RegisterRecordV1 = z.discriminatedUnion('kind', [PartnershipV1, LocalAuthorityProfileV1]);
export type RegisterRecordV1 = z.infer<typeof RegisterRecordV1>;

export function registerKey(record: RegisterRecordV1): string {
  return record.kind === 'partnership' ? `partnership:${record.id}` : `la:${record.laCode}`;
}
