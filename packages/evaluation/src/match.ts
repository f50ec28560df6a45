import type { PartnershipV1 } from '@abep/schemas';
import type { PartnershipLabel } from './labels.ts';
import { labelNameKeys, normaliseName } from './names.ts';

export interface LabelIndex {
  byKey: Map<string, PartnershipLabel[]>;
  keysOf: Map<string, Set<string>>;
}

export function indexLabels(labels: readonly PartnershipLabel[]): LabelIndex {
  const byKey = new Map<string, PartnershipLabel[]>();
  const keysOf = new Map<string, Set<string>>();
  for (const label of labels) {
    const keys = labelNameKeys(label.name);
    keysOf.set(label.id, keys);
    for (const key of keys) byKey.set(key, [...(byKey.get(key) ?? []), label]);
  }
  return { byKey, keysOf };
}

export const laNamesOf = (record: Pick<PartnershipV1, 'localAuthorities'>) =>
  new Set(record.localAuthorities.map((la) => la.name.toLowerCase()));

const labelLas = (label: PartnershipLabel) => new Set(label.localAuthorities.map((n) => n.toLowerCase()));

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** Names a record goes by, normalised: its name and every alias. */
function recordKeys(record: Pick<PartnershipV1, 'name' | 'aliases'>): Set<string> {
  return new Set([record.name, ...record.aliases].map(normaliseName).filter(Boolean));
}

/**
 * The label a record is, if any: one whose name variant equals the record's name or an alias (normalised).
 * Of several, one whose LAs overlap the record's wins; then the first in partnerships.csv.
 */
export function matchRecord(
  record: Pick<PartnershipV1, 'name' | 'aliases' | 'localAuthorities'>,
  index: LabelIndex,
  order: ReadonlyMap<string, number>,
): PartnershipLabel | undefined {
  const found = new Map<string, PartnershipLabel>();
  for (const key of recordKeys(record))
    for (const label of index.byKey.get(key) ?? []) found.set(label.id, label);
  const matches = [...found.values()].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  if (matches.length <= 1) return matches[0];
  const las = laNamesOf(record);
  return matches.find((label) => overlaps(labelLas(label), las)) ?? matches[0];
}

/** How well a record's LAs fit its label: 2 equal, 1 overlapping, 0 neither. */
export function laFit(record: Pick<PartnershipV1, 'localAuthorities'>, label: PartnershipLabel): 0 | 1 | 2 {
  const a = laNamesOf(record);
  const b = labelLas(label);
  return sameSet(a, b) ? 2 : overlaps(a, b) ? 1 : 0;
}
