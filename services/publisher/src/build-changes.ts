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

interface Diff {
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: RecordChange[];
  unchanged: number;
}

/** Accumulates a diff from (id, before, after) steps given in ascending id order. */
function differ<T extends object>(nameOf: (t: T) => string) {
  const diff: Diff = { added: [], removed: [], changed: [], unchanged: 0 };
  return {
    diff,
    step(id: string, a: T | undefined, b: T | undefined) {
      if (!a && b) diff.added.push({ id, name: nameOf(b) });
      else if (a && !b) diff.removed.push({ id, name: nameOf(a) });
      else if (a && b) {
        const fields = fieldChanges(a as Record<string, unknown>, b as Record<string, unknown>);
        if (fields.length) diff.changed.push({ id, name: nameOf(b), fields });
        else diff.unchanged++;
      }
    },
  };
}

function diffBy<T extends object>(
  before: readonly T[],
  after: readonly T[],
  idOf: (t: T) => string,
  nameOf: (t: T) => string,
): Diff {
  const old = new Map(before.map((r) => [idOf(r), r]));
  const now = new Map(after.map((r) => [idOf(r), r]));
  const d = differ(nameOf);
  for (const id of [...new Set([...old.keys(), ...now.keys()])].sort(compareText)) {
    d.step(id, old.get(id), now.get(id));
  }
  return d.diff;
}

/** Thrown by diffSorted when an input is not in strictly ascending id order; the caller diffs in memory instead. */
export class NotSortedError extends Error {}

/**
 * The same diff as diffBy, as a merge of two id-sorted inputs: `before` is streamed (a published version's
 * records, one at a time), so only `after` is ever held whole.
 */
async function diffSorted<T extends object>(
  before: AsyncIterable<T>,
  after: readonly T[],
  idOf: (t: T) => string,
  nameOf: (t: T) => string,
): Promise<Diff> {
  const d = differ(nameOf);
  let j = 0;
  let lastAfter: string | undefined;
  const nextAfter = (): [string, T] => {
    const b = after[j++] as T;
    const id = idOf(b);
    if (lastAfter !== undefined && compareText(lastAfter, id) >= 0) throw new NotSortedError(id);
    lastAfter = id;
    return [id, b];
  };
  let lastBefore: string | undefined;
  for await (const a of before) {
    const id = idOf(a);
    if (lastBefore !== undefined && compareText(lastBefore, id) >= 0) throw new NotSortedError(id);
    lastBefore = id;
    while (j < after.length && compareText(idOf(after[j] as T), id) < 0) {
      const [bid, b] = nextAfter();
      d.step(bid, undefined, b);
    }
    if (j < after.length && idOf(after[j] as T) === id) d.step(id, a, nextAfter()[1]);
    else d.step(id, a, undefined);
  }
  while (j < after.length) {
    const [bid, b] = nextAfter();
    d.step(bid, undefined, b);
  }
  return d.diff;
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
  return changeSet(p, la.changed, from, to);
}

function changeSet(p: Diff, laChanged: RecordChange[], from: string | null, to: string | null): ChangeSet {
  return {
    from,
    to,
    summary: {
      added: p.added.length,
      removed: p.removed.length,
      changed: p.changed.length,
      unchanged: p.unchanged,
      localAuthoritiesChanged: laChanged.length,
    },
    added: p.added,
    removed: p.removed,
    changed: p.changed,
    localAuthoritiesChanged: laChanged,
  };
}

/** diffRegisters against a previous version whose partnerships arrive as a stream sorted by id. */
export async function diffRegistersStreaming(
  previous: {
    partnerships: AsyncIterable<PartnershipV1>;
    localAuthorities: readonly LocalAuthorityProfileV1[];
  },
  next: { partnerships: readonly PartnershipV1[]; localAuthorities: readonly LocalAuthorityProfileV1[] },
  from: string | null,
  to: string | null,
): Promise<ChangeSet> {
  const p = await diffSorted(
    previous.partnerships,
    next.partnerships,
    (r) => r.id,
    (r) => r.name,
  );
  const la = diffBy(
    previous.localAuthorities,
    next.localAuthorities,
    (r) => r.laCode,
    (r) => r.name,
  );
  return changeSet(p, la.changed, from, to);
}
