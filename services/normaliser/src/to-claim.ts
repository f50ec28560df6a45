import type { Gazetteer } from '@abep/gazetteer';
import type { LaRef, PartnershipObservation } from '@abep/schemas';
import { EXCERPT_MAX } from '@abep/schemas';
import { displayUrl } from '@abep/urls';
import { canonicalCharityNumber, canonicalCompanyNumber, cleanName } from './canonical.ts';
import type { Claim } from './claim.ts';
import { memberMentionsOf } from './resolve-schools.ts';

const cut = (excerpt: string) => (excerpt.length > EXCERPT_MAX ? excerpt.slice(0, EXCERPT_MAX) : excerpt);

/**
 * The LAs of an area written as a list of LA names ("Torbay and Gloucestershire", "Cheshire West and Chester
 * and Tameside"); [] unless the whole text is LA names and joining words, so a phrase is never half-read.
 */
function laList(area: string, gazetteer: Gazetteer): LaRef[] {
  const mentions = gazetteer.findLaMentions(area);
  if (mentions.length < 2) return [];
  let rest = area;
  for (const m of [...mentions].sort((a, b) => b.index - a.index))
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m.text.length)}`;
  if (rest.replace(/\b(?:and|the)\b|[,&]/gi, '').trim() !== '') return [];
  const refs = new Map<string, LaRef>();
  for (const m of mentions) {
    const la = gazetteer.resolveLa(m.la.laCode);
    if (la) refs.set(la.laCode, la);
  }
  return [...refs.values()];
}

/**
 * A partnership observation as a claim, canonicalised. Areas are resolved through the gazetteer; names it
 * cannot resolve are kept on the claim as unresolvedAreas (reported, not silently dropped). A council page
 * that states no resolvable area places the partnership in that council's LA.
 */
export function toClaim(obs: PartnershipObservation, gazetteer: Gazetteer): Claim {
  const f = obs.fields;
  const fields: Claim['fields'] = { name: { value: cleanName(f.name.value), excerpt: cut(f.name.excerpt) } };
  const ev = <T>(value: T | undefined, excerpt: string) =>
    value === undefined ? undefined : { value, excerpt: cut(excerpt) };
  if (f.website) fields.website = ev(displayUrl(f.website.value), f.website.excerpt);
  if (f.contactUrl) fields.contactUrl = ev(displayUrl(f.contactUrl.value), f.contactUrl.excerpt);
  if (f.description) fields.description = ev(f.description.value.trim() || undefined, f.description.excerpt);
  if (f.type) fields.type = ev(f.type.value, f.type.excerpt);
  if (f.legalForm) fields.legalForm = ev(f.legalForm.value, f.legalForm.excerpt);
  if (f.companyNumber)
    fields.companyNumber = ev(canonicalCompanyNumber(f.companyNumber.value), f.companyNumber.excerpt);
  if (f.charityNumber)
    fields.charityNumber = ev(canonicalCharityNumber(f.charityNumber.value), f.charityNumber.excerpt);
  if (f.foundedYear && f.foundedYear.value >= 1900 && f.foundedYear.value <= 2100) {
    fields.foundedYear = ev(f.foundedYear.value, f.foundedYear.excerpt);
  }
  if (f.memberCount) fields.memberCount = ev(f.memberCount.value, f.memberCount.excerpt);
  if (f.phases) fields.phases = ev([...new Set(f.phases.value)].sort(), f.phases.excerpt);
  if (f.focusAreas) {
    fields.focusAreas = ev(
      [...new Set(f.focusAreas.value.map(cleanName).filter(Boolean))].sort(),
      f.focusAreas.excerpt,
    );
  }
  for (const key of Object.keys(fields) as (keyof Claim['fields'])[]) if (!fields[key]) delete fields[key];

  const las = new Map<string, LaRef>();
  const unresolvedAreas: string[] = [];
  const excerpts: string[] = [];
  for (const area of f.areas ?? []) {
    const la = gazetteer.resolveLa(area.value);
    const successors = la ? [] : gazetteer.successorsOf(area.value);
    const listed = la || successors.length > 0 ? [] : laList(area.value, gazetteer);
    if (la) las.set(la.laCode, la);
    for (const s of [...successors, ...listed]) las.set(s.laCode, s);
    if (!la && successors.length === 0 && listed.length === 0) unresolvedAreas.push(area.value);
    else excerpts.push(area.excerpt);
  }
  if (las.size === 0 && obs.source.sourceKind === 'council' && obs.source.laCode) {
    const la = gazetteer.resolveLa(obs.source.laCode);
    if (la) {
      las.set(la.laCode, la);
      excerpts.push(obs.relationship ?? f.name.excerpt);
    }
  }
  if (las.size > 0) {
    fields.localAuthorities = {
      value: [...las.values()].sort((a, b) => a.laCode.localeCompare(b.laCode)),
      excerpt: cut(excerpts.join(' … ')),
    };
  }
  return {
    sourceUrl: displayUrl(obs.source.url) ?? obs.source.url,
    fetchedAt: obs.source.fetchedAt,
    sourceKind: obs.source.sourceKind,
    extractorVersion: obs.source.extractorVersion,
    observationId: obs.observationId,
    crawlId: obs.source.crawlId,
    fields,
    ...(obs.confidence !== undefined ? { confidence: obs.confidence } : {}),
    aliases: (f.aliases ?? []).map(cleanName).filter(Boolean),
    memberSchools: memberMentionsOf(f.memberSchools, cleanName),
    unresolvedAreas,
  };
}
