import type { SchoolGazetteer, SchoolIndex } from '@abep/gazetteer';
import type { MemberSchool, PartnershipFields } from '@abep/schemas';

/** A member school as one source names it. */
export interface MemberMention {
  name: string;
  excerpt?: string;
}

/** Observation member-school entries (plain names, or names with excerpts) → mentions, cleaned, once each. */
export function memberMentionsOf(
  entries: PartnershipFields['memberSchools'],
  clean: (name: string) => string,
): MemberMention[] {
  const out = new Map<string, MemberMention>();
  for (const entry of entries ?? []) {
    const name = clean(typeof entry === 'string' ? entry : entry.value);
    if (!name || out.has(name.toLowerCase())) continue;
    out.set(name.toLowerCase(), typeof entry === 'string' ? { name } : { name, excerpt: entry.excerpt });
  }
  return [...out.values()];
}

const isGazetteer = (s: SchoolIndex | SchoolGazetteer): s is SchoolGazetteer => 'match' in s;

/**
 * Each named member school resolved within the partnership's LAs: exact, then variant, then fuzzy (see
 * @abep/gazetteer FUZZY_THRESHOLD). An ambiguous name keeps its candidates and no URN; nothing is guessed.
 * Members come once per name (the best-ranked source's evidence), sorted by name.
 */
export function resolveMemberSchools(
  sources: readonly { sourceUrl: string; memberSchools: readonly MemberMention[] }[],
  laCodes: readonly string[],
  schools: SchoolIndex | SchoolGazetteer,
): MemberSchool[] {
  const byName = new Map<string, MemberSchool>();
  for (const source of sources) {
    for (const mention of source.memberSchools) {
      const key = mention.name.toLowerCase();
      if (byName.has(key)) continue;
      const evidence = {
        sourceUrl: source.sourceUrl,
        ...(mention.excerpt ? { excerpt: mention.excerpt } : {}),
      };
      byName.set(key, { name: mention.name, ...matchOf(mention.name, laCodes, schools), ...evidence });
    }
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function matchOf(
  name: string,
  laCodes: readonly string[],
  schools: SchoolIndex | SchoolGazetteer,
): Omit<MemberSchool, 'name' | 'sourceUrl' | 'excerpt'> {
  if (!isGazetteer(schools)) {
    const urns = new Set(laCodes.map((la) => schools.resolveSchool(name, la)).filter((u) => u !== undefined));
    const [urn] = urns;
    if (urns.size !== 1 || !urn) return { match: 'unresolved' };
    const school = schools.get(urn);
    return {
      match: 'variant',
      urn,
      ...(school ? { giasName: school.name, laCode: school.laCode, phase: school.phase.toLowerCase() } : {}),
    };
  }
  const m = schools.match(name, laCodes);
  if (m.status === 'unresolved') return { match: 'unresolved' };
  if (m.status === 'ambiguous') return { match: 'ambiguous', candidates: m.candidates };
  return {
    match: m.kind,
    urn: m.urn,
    giasName: m.school.name,
    ...(m.school.laCode ? { laCode: m.school.laCode } : {}),
    phase: m.school.phase,
    ...(m.viaUrn ? { viaUrn: m.viaUrn } : {}),
  };
}
