import type { PartnershipV1 } from '@abep/schemas';
import { type Claim, type ClaimField, type Entity, PICKED_FIELDS } from './claim.ts';

const FIELDS: readonly ClaimField[] = [...PICKED_FIELDS, 'localAuthorities'];

/**
 * Turns a published record back into an entity, one claim per source URL in its provenance. Only the chosen
 * source's value is known; the other sources keep their provenance without a value until they are seen again.
 * Curated entries are left out: corrections are applied afresh on every run.
 */
export function entityFromRecord(record: PartnershipV1): Entity {
  const claims = new Map<string, Claim>();
  const claimFor = (p: PartnershipV1['provenance'][string][number]) => {
    let claim = claims.get(p.sourceUrl);
    if (!claim) {
      claim = {
        sourceUrl: p.sourceUrl,
        fetchedAt: p.fetchedAt,
        sourceKind: p.sourceKind,
        extractorVersion: p.extractorVersion,
        observationId: `register:${record.id}`,
        crawlId: undefined,
        fields: {},
        aliases: [],
        memberSchools: [],
        unresolvedAreas: [],
      };
      claims.set(p.sourceUrl, claim);
    }
    return claim;
  };
  for (const field of FIELDS) {
    const entries = record.provenance[field] ?? [];
    entries.forEach((p, i) => {
      if (p.sourceKind === 'curated') return;
      const claim = claimFor(p);
      const chosen = i === 0;
      const value = chosen ? (record as unknown as Record<string, unknown>)[field] : undefined;
      (claim.fields as Record<string, unknown>)[field] =
        value === undefined
          ? { ...(p.excerpt ? { excerpt: p.excerpt } : {}) }
          : { value, ...(p.excerpt ? { excerpt: p.excerpt } : {}) };
    });
  }
  for (const p of record.provenance.name ?? []) {
    const claim = p.sourceKind === 'curated' ? undefined : claims.get(p.sourceUrl);
    if (claim && p.confidence !== undefined) claim.confidence = p.confidence;
  }
  const nameSource = record.provenance.name?.find((p) => p.sourceKind !== 'curated');
  const carrier = nameSource ? claims.get(nameSource.sourceUrl) : [...claims.values()][0];
  // Which source used which alias is not kept; each source the aliases stand on carries them all.
  const aliasCarriers = (record.provenance.aliases ?? [])
    .filter((p) => p.sourceKind !== 'curated')
    .map(claimFor);
  for (const claim of aliasCarriers) claim.aliases = [...record.aliases];
  if (carrier) {
    if (aliasCarriers.length === 0) carrier.aliases = [...record.aliases];
    const named = new Set((record.memberSchools ?? []).filter((m) => m.urn).map((m) => m.urn));
    const stated = record.memberSchoolUrns.filter((u) => !named.has(u));
    if (stated.length > 0) carrier.fields.memberSchoolUrns = { value: stated };
    // Named members go back to the source that named them, so resolving them again gives the same record.
    for (const m of record.memberSchools ?? []) {
      const claim = claims.get(m.sourceUrl) ?? carrier;
      claim.memberSchools.push({ name: m.name, ...(m.excerpt ? { excerpt: m.excerpt } : {}) });
    }
  }
  return {
    id: record.id,
    claims,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
    crawlsUnseen: record.crawlsUnseen,
    observedIn: new Set(),
    ...(record.withdrawn ? { withdrawn: { ...record.withdrawn } } : {}),
  };
}
