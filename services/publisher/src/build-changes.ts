import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';
import { canonicalJson, compareText } from './canonical.ts';

export interface FieldChange {
  field: string;
  /** null when the field was absent. */
  before: unknown;
  after: unknown;
}

export interface RecordChange {
  id: string;
  name: string;
  fields: FieldChange[];
}

export interface ChangeSet {
  from: string | null;
  to: string | null;
  summary: {
    added: number;
    removed: number;
    changed: number;
    unchanged: number;
    localAuthoritiesChanged: number;
  };
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: RecordChange[];
  /** LA profiles whose published fields changed (the 153 are always present, so never added or removed). */
  localAuthoritiesChanged: RecordChange[];
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(compareText);
  const out: FieldChange[] = [];
  for (const field of names) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (canonicalJson(a) !== canonicalJson(b)) out.push({ field, before: a, after: b });
  }
  return out;
}

function diffBy<T extends object>(
  before: readonly T[],
  after: readonly T[],
  idOf: (t: T) => string,
  nameOf: (t: T) => string,
) {
  const old = new Map(before.map((r) => [idOf(r), r]));
  const now = new Map(after.map((r) => [idOf(r), r]));
  const added: { id: string; name: string }[] = [];
  const removed: { id: string; name: string }[] = [];
  const changed: RecordChange[] = [];
  let unchanged = 0;
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort(compareText)) {
    const a = old.get(id);
    const b = now.get(id);
    if (!a && b) added.push({ id, name: nameOf(b) });
    else if (a && !b) removed.push({ id, name: nameOf(a) });
    else if (a && b) {
      const fields = fieldChanges(a as Record<string, unknown>, b as Record<string, unknown>);
      if (fields.length) changed.push({ id, name: nameOf(b), fields });
      else unchanged++;
    }
  }
  return { added, removed, changed, unchanged };
}

/** Field-by-field differences between two register contents; `previous` undefined = first version (all added). */
export function diffRegisters(
  previous:
    | { partnerships: readonly PartnershipV1[]; localAuthorities: readonly LocalAuthorityProfileV1[] }
    | undefined,
  next: { partnerships: readonly PartnershipV1[]; localAuthorities: readonly LocalAuthorityProfileV1[] },
  from: string | null,
  to: string | null,
): ChangeSet {
  const p = diffBy(
    previous?.partnerships ?? [],
    next.partnerships,
    (r) => r.id,
    (r) => r.name,
  );
  const la = previous
    ? diffBy(
        previous.localAuthorities,
        next.localAuthorities,
        (r) => r.laCode,
        (r) => r.name,
      )
    : { changed: [] as RecordChange[] };
  return {
    from,
    to,
    summary: {
      added: p.added.length,
      removed: p.removed.length,
      changed: p.changed.length,
      unchanged: p.unchanged,
      localAuthoritiesChanged: la.changed.length,
    },
    added: p.added,
    removed: p.removed,
    changed: p.changed,
    localAuthoritiesChanged: la.changed,
  };
}
