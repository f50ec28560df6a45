import type { Gazetteer, SchoolGazetteer, SchoolIndex } from '@abep/gazetteer';
import { nameKey } from '@abep/gazetteer';
import type { LaRef, PartnershipV1, Provenance } from '@abep/schemas';
import { PartnershipV1 as PartnershipSchema } from '@abep/schemas';
import { bareHost } from '@abep/urls';
import { boundRecord } from './bound-record.ts';
import type { Claim, ClaimField, ClaimValues, Entity, PickedValues } from './claim.ts';
import { compareClaims, PICKED_FIELDS } from './claim.ts';
import type { Correction } from './corrections.ts';
import { isPublicWebUrl, withoutControls } from './publishable.ts';
import { resolveMemberSchools } from './resolve-schools.ts';

type Pin = Extract<Correction, { action: 'pin' | 'override' }>;

function provenanceOf(claim: Claim, excerpt: string | undefined, withConfidence = false): Provenance {
  return {
    sourceUrl: claim.sourceUrl,
    fetchedAt: claim.fetchedAt,
    sourceKind: claim.sourceKind,
    ...(excerpt ? { excerpt } : {}),
    extractorVersion: claim.extractorVersion,
    ...(withConfidence && claim.confidence !== undefined ? { confidence: claim.confidence } : {}),
  };
}

/**
 * Confidence from independent evidence: pages of one site are one source (their best page counts), and
 * sources combine as 1 − Π(1 − c). Undefined when no source stated a confidence (records from older extractors).
 */
/** The cap extraction puts on one page's confidence in a name without a place (CONFIDENCE.noPlaceCap). */
const NO_PLACE_CAP = 0.5;

export function combinedConfidence(claims: Iterable<Claim>): number | undefined {
  const byHost = new Map<string, number>();
  for (const c of claims) {
    if (c.confidence === undefined) continue;
    const host = bareHost(c.sourceUrl) || c.sourceUrl;
    byHost.set(host, Math.max(byHost.get(host) ?? 0, c.confidence));
  }
  if (byHost.size === 0) return undefined;
  let doubt = 1;
  for (const c of byHost.values()) doubt *= 1 - c;
  return Math.round((1 - doubt) * 100) / 100;
}

function curatedProvenance(c: Correction, index: number): Provenance {
  return {
    sourceUrl: `corrections.yaml#${index + 1}`,
    fetchedAt: `${c.date}T00:00:00Z`,
    sourceKind: 'curated',
    extractorVersion: 'corrections',
    curatedBy: c.by,
    reason: c.reason,
  };
}

export interface BuildContext {
  gazetteer: Gazetteer;
  inactiveAfterCrawls: number;
  /** Pins for this id, with their index in the corrections file. */
  pins: readonly { pin: Pin; index: number }[];
  schools?: SchoolIndex | SchoolGazetteer;
  /** Collects what was cut to keep the record within RECORD_LIMITS (see boundRecord). */
  truncated?: string[];
}

/**
 * Folds an entity's claims into a register record by the conflict policy (see README): per picked field the
 * best-ranked source with a value wins; LA lists and member schools are unioned; a curated pin beats every
 * source. provenance[field] lists every source that stated the field, the chosen one first.
 */
export function buildRecord(entity: Entity, ctx: BuildContext): PartnershipV1 {
  const claims = [...entity.claims.values()].sort(compareClaims);
  const provenance: Record<string, Provenance[]> = {};
  const values: Partial<ClaimValues> = {};

  const stating = (field: ClaimField) => claims.filter((c) => c.fields[field] !== undefined);
  for (const field of PICKED_FIELDS as readonly (keyof PickedValues)[]) {
    const sources = stating(field);
    const chosen = sources.find((c) => c.fields[field]?.value !== undefined);
    if (chosen) (values as Record<string, unknown>)[field] = chosen.fields[field]?.value;
    const ordered = chosen ? [chosen, ...sources.filter((c) => c !== chosen)] : sources;
    if (ordered.length > 0)
      provenance[field] = ordered.map((c) => provenanceOf(c, c.fields[field]?.excerpt, field === 'name'));
  }

  const las = new Map<string, LaRef>();
  for (const c of stating('localAuthorities'))
    for (const la of c.fields.localAuthorities?.value ?? []) las.set(la.laCode, la);
  const laSources = stating('localAuthorities');
  if (laSources.length > 0)
    provenance.localAuthorities = laSources.map((c) => provenanceOf(c, c.fields.localAuthorities?.excerpt));

  // An acronym is a poor display name when a source gives the full name it stands for.
  if (values.name && /^[A-Z][A-Za-z&]{1,9}$/.test(values.name) && values.name === values.name.toUpperCase()) {
    const acronym = values.name;
    const full = claims.find(
      (c) => c.fields.name?.value && /\s/.test(c.fields.name.value) && c.aliases.includes(acronym),
    );
    if (full?.fields.name?.value) {
      values.name = full.fields.name.value;
      const entries = provenance.name ?? [];
      const first = entries.findIndex((p) => p.sourceUrl === full.sourceUrl);
      if (first > 0)
        provenance.name = [entries[first] as Provenance, ...entries.filter((_, i) => i !== first)];
    }
  }

  const urns = new Set<string>();
  for (const c of stating('memberSchoolUrns'))
    for (const urn of c.fields.memberSchoolUrns?.value ?? []) urns.add(urn);
  const memberSchools = ctx.schools ? resolveMemberSchools(claims, [...las.keys()], ctx.schools) : [];
  for (const m of memberSchools) if (m.urn) urns.add(m.urn);
  // Member schools stand on the pages that listed them, like every other published field.
  const memberSources = claims.filter(
    (c) => c.memberSchools.length > 0 || (c.fields.memberSchoolUrns?.value?.length ?? 0) > 0,
  );
  if (memberSchools.length > 0 || urns.size > 0) {
    const entries = memberSources.map((c) => provenanceOf(c, c.memberSchools[0]?.excerpt));
    if (entries.length > 0) {
      if (memberSchools.length > 0) provenance.memberSchools = entries;
      if (urns.size > 0) provenance.memberSchoolUrns = entries;
    }
  }

  let localAuthorities = [...las.values()].sort((a, b) => a.laCode.localeCompare(b.laCode));
  let status: PartnershipV1['status'] =
    entity.crawlsUnseen >= ctx.inactiveAfterCrawls ? 'inactive' : 'active';
  for (const { pin, index } of ctx.pins) {
    const curated = curatedProvenance(pin, index);
    provenance[pin.field] = [curated, ...(provenance[pin.field] ?? [])];
    if (pin.field === 'localAuthorities') {
      const list = Array.isArray(pin.value) ? pin.value : [pin.value];
      localAuthorities = list
        .map((v) => ctx.gazetteer.resolveLa(String(v)))
        .filter((la): la is LaRef => la !== undefined)
        .sort((a, b) => a.laCode.localeCompare(b.laCode));
    } else if (pin.field === 'status') {
      status = pin.value === 'inactive' ? 'inactive' : 'active';
    } else {
      (values as Record<string, unknown>)[pin.field] = pin.value;
    }
  }

  // A site on a private, loopback or link-local host (or not http(s)) is never published, whoever states it.
  for (const field of ['website', 'contactUrl'] as const) {
    const url = values[field];
    if (url !== undefined && !isPublicWebUrl(url)) {
      delete values[field];
      delete provenance[field];
    }
  }

  const name = values.name ?? entity.id;
  const chosenKey = nameKey(name);
  const aliases = new Map<string, string>();
  const aliasSources: Claim[] = [];
  for (const c of claims) {
    let named = false;
    for (const alias of [c.fields.name?.value, ...c.aliases]) {
      if (!alias) continue;
      const key = nameKey(alias);
      if (key === chosenKey) continue;
      named = true;
      if (!aliases.has(key)) aliases.set(key, alias);
    }
    if (named) aliasSources.push(c);
  }
  // An alias stands on the sources that used that name, like every other published field.
  if (aliasSources.length > 0)
    provenance.aliases = aliasSources.map((c) => provenanceOf(c, c.fields.name?.excerpt));
  const regions = new Map<string, { code: string; name: string }>();
  for (const la of localAuthorities) {
    const region = ctx.gazetteer.byLaCode(la.laCode)?.region;
    if (region) regions.set(region.code, region);
  }

  // As on each page: a body with no place in its name and no own site of its own stays a candidate, however many
  // third-party pages name it.
  const combined = combinedConfidence(entity.claims.values());
  const placeless =
    ctx.gazetteer.findPlaces(name).length === 0 && !claims.some((c) => c.sourceKind === 'own-site');
  const confidence = combined !== undefined && placeless ? Math.min(combined, NO_PLACE_CAP) : combined;
  const record: PartnershipV1 = {
    kind: 'partnership',
    id: entity.id,
    name,
    aliases: [...aliases.values()].sort(),
    ...(values.website ? { website: values.website } : {}),
    ...(values.description ? { description: values.description } : {}),
    localAuthorities,
    regions: [...regions.values()].sort((a, b) => a.code.localeCompare(b.code)),
    type: values.type ?? 'unknown',
    legalForm: values.legalForm ?? 'unknown',
    ...(values.companyNumber ? { companyNumber: values.companyNumber } : {}),
    ...(values.charityNumber ? { charityNumber: values.charityNumber } : {}),
    ...(values.foundedYear !== undefined ? { foundedYear: values.foundedYear } : {}),
    ...(values.memberCount !== undefined ? { memberCount: values.memberCount } : {}),
    memberSchoolUrns: [...urns].sort(),
    ...(memberSchools.length > 0 ? { memberSchools } : {}),
    phases: values.phases ?? [],
    focusAreas: values.focusAreas ?? [],
    ...(values.contactUrl ? { contactUrl: values.contactUrl } : {}),
    status,
    firstSeen: entity.firstSeen,
    lastSeen: entity.lastSeen,
    crawlsUnseen: entity.crawlsUnseen,
    provenance,
    ...(confidence !== undefined ? { confidence } : {}),
    ...(entity.withdrawn ? { withdrawn: entity.withdrawn } : {}),
  };
  // A pinned value of the wrong shape is a mistake in corrections.yaml: fail loudly here, not on the bus.
  return PartnershipSchema.parse(boundRecord(withoutControls(record), ctx.truncated ?? []));
}
