import { type PartnershipV1, PUBLISH_CONFIDENCE } from '@abep/schemas';
import { compareText, uniqueSorted } from './canonical.ts';
import type { FieldSpec } from './table-fields.ts';

/**
 * A record the evidence does not yet carry into the register: its confidence is below PUBLISH_CONFIDENCE. It is
 * published beside the register as a candidate a person can promote with a correction. A record without a
 * confidence (from before confidences existed, or a curated one) is published as before.
 */
export function isCandidate(p: PartnershipV1): boolean {
  return p.confidence !== undefined && p.confidence < PUBLISH_CONFIDENCE;
}

export interface CandidateRow {
  id: string;
  name: string;
  confidence: number;
  aliases: string[];
  la_codes: string[];
  la_names: string[];
  source_urls: string[];
  name_excerpt: string | null;
  evidence: string[];
}

/** `field <url>: "<excerpt>"` for every source of every field, name first. */
function evidenceOf(p: PartnershipV1): string[] {
  return Object.entries(p.provenance)
    .sort(([a], [b]) => (a === 'name' ? -1 : b === 'name' ? 1 : compareText(a, b)))
    .flatMap(([field, list]) =>
      list.map((s) => `${field} ${s.sourceUrl}${s.excerpt ? `: "${s.excerpt.replace(/\s+/g, ' ')}"` : ''}`),
    );
}

export function candidateRow(p: PartnershipV1): CandidateRow {
  const las = [...p.localAuthorities].sort((a, b) => compareText(a.laCode, b.laCode));
  return {
    id: p.id,
    name: p.name,
    confidence: p.confidence ?? 0,
    aliases: p.aliases,
    la_codes: las.map((la) => la.laCode),
    la_names: las.map((la) => la.name),
    source_urls: uniqueSorted(Object.values(p.provenance).flatMap((l) => l.map((s) => s.sourceUrl))),
    name_excerpt: p.provenance.name?.[0]?.excerpt ?? null,
    evidence: evidenceOf(p),
  };
}

export const candidateFields: FieldSpec<CandidateRow>[] = [
  { name: 'id', type: 'string', required: true, description: 'Stable partnership id (abep-…)' },
  { name: 'name', type: 'string', required: true, description: 'Name as found' },
  {
    name: 'confidence',
    type: 'number',
    required: true,
    description: `0–1 from the evidence; below ${PUBLISH_CONFIDENCE}, so not in the register`,
  },
  { name: 'aliases', type: 'string', list: true, description: 'Other names seen' },
  { name: 'la_codes', type: 'string', list: true, description: 'DfE codes of the LAs it would cover' },
  { name: 'la_names', type: 'string', list: true, description: 'Names of those LAs, same order' },
  { name: 'source_urls', type: 'string', list: true, description: 'Every page it was found on' },
  { name: 'name_excerpt', type: 'string', description: 'The words the name was read from' },
  {
    name: 'evidence',
    type: 'string',
    list: true,
    description: 'Each field’s source page and excerpt, as `field <url>: "<excerpt>"`',
  },
];
