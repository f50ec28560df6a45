import type { LaRef, LegalForm, PartnershipType, Phase, SourceKind } from '@abep/schemas';
import type { MemberMention } from './resolve-schools.ts';

/** Fields picked from one source by the conflict policy. */
export interface PickedValues {
  name: string;
  website: string;
  description: string;
  type: PartnershipType;
  legalForm: LegalForm;
  companyNumber: string;
  charityNumber: string;
  foundedYear: number;
  memberCount: number;
  phases: Phase[];
  focusAreas: string[];
  contactUrl: string;
}
/** Fields unioned across sources. */
interface UnionValues {
  localAuthorities: LaRef[];
  memberSchoolUrns: string[];
}
export type ClaimValues = PickedValues & UnionValues;
export type ClaimField = keyof ClaimValues;

/** The picked fields, in the order records and corrections list them. */
export const PICKED_FIELDS = [
  'name',
  'website',
  'description',
  'type',
  'legalForm',
  'companyNumber',
  'charityNumber',
  'foundedYear',
  'memberCount',
  'phases',
  'focusAreas',
  'contactUrl',
] as const satisfies readonly (keyof PickedValues)[];

/**
 * A stated field. `value` is absent only for claims rebuilt from a published record, where provenance says a
 * source stated the field but the record kept another source's value.
 */
interface Stated<T> {
  value?: T;
  excerpt?: string;
}

/** What one source (page URL) says about one partnership; a newer fetch of the same URL replaces it. */
export interface Claim {
  sourceUrl: string;
  fetchedAt: string;
  sourceKind: SourceKind;
  extractorVersion: string;
  observationId: string;
  crawlId: string | undefined;
  fields: { [F in ClaimField]?: Stated<ClaimValues[F]> };
  /** This source's confidence that the body is an area-based partnership (observation.confidence). */
  confidence?: number;
  /** Other names the source uses, for matching and aliases. */
  aliases: string[];
  /** Member school names as stated (with their excerpt), resolved to URNs when a school index is available. */
  memberSchools: MemberMention[];
  unresolvedAreas: string[];
}

export interface Entity {
  id: string;
  /** Keyed by source URL. */
  claims: Map<string, Claim>;
  firstSeen: string;
  lastSeen: string;
  crawlsUnseen: number;
  /** Crawls whose observations of it were folded in by this process. */
  observedIn: Set<string>;
  withdrawn?: { reason: string; mergedInto?: string; by?: string };
}

const KIND_RANK: Record<SourceKind, number> = { curated: 0, 'own-site': 1, council: 2, 'third-party': 3 };

/** Conflict policy order: own site over council over third party; within a kind, newer first; then URL. */
export function compareClaims(a: Claim, b: Claim): number {
  return (
    KIND_RANK[a.sourceKind] - KIND_RANK[b.sourceKind] ||
    (a.fetchedAt < b.fetchedAt ? 1 : a.fetchedAt > b.fetchedAt ? -1 : 0) ||
    (a.sourceUrl < b.sourceUrl ? -1 : a.sourceUrl > b.sourceUrl ? 1 : 0)
  );
}
