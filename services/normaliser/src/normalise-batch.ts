import type { Gazetteer, SchoolGazetteer, SchoolIndex } from '@abep/gazetteer';
import {
  type ObservationV1,
  type PartnershipObservation,
  type PartnershipV1,
  type RegisterRecordV1,
  registerKey,
} from '@abep/schemas';
import { displayUrl } from '@abep/urls';
import { applyCorrections, pinsById } from './apply-corrections.ts';
import { buildRecord } from './build-record.ts';
import { orgNameKey } from './canonical.ts';
import type { Claim, Entity } from './claim.ts';
import type { Correction } from './corrections.ts';
import {
  fullNameKeys,
  idFor,
  nameKeysOf,
  nameLaKeys,
  primaryKey,
  strongKeys,
  wordsLaKeys,
} from './identity.ts';
import type { RegisterState } from './register-state.ts';
import { stableJson } from './stable-json.ts';
import { toClaim } from './to-claim.ts';
import { createUnionFind } from './union-find.ts';

export interface RejectedMention {
  observationId: string;
  crawlId: string;
  sourceUrl: string;
  name: string;
  decision: PartnershipObservation['decision'];
  lookalikeType?: string;
  reason: string;
}

export interface UnresolvedAreas {
  observationId: string;
  crawlId: string;
  sourceUrl: string;
  partnershipId: string;
  areas: string[];
}

export interface NormaliseOptions {
  inactiveAfterCrawls?: number;
  /** When set, the crawl has finished: partnerships not observed in it go one more crawl unseen. */
  finishedCrawlId?: string;
  /**
   * What the finished crawl read. When given, only a partnership the crawl could have seen goes unseen:
   * one whose LAs were all read (council pages examined), or, with no LA, one whose source page was read.
   * Absent: every partnership not observed goes unseen.
   */
  read?: { laCodes: ReadonlySet<string>; urls: ReadonlySet<string> };
  schools?: SchoolIndex | SchoolGazetteer;
}

export interface BatchResult {
  /** Records whose content differs from what was last published; publish these. */
  changed: PartnershipV1[];
  records: PartnershipV1[];
  rejected: RejectedMention[];
  unresolved: UnresolvedAreas[];
  /** Records cut to stay within RECORD_LIMITS, with what was cut. */
  truncated: RecordCuts[];
}

interface RecordCuts {
  key: string;
  cuts: string[];
}

function rejectionOf(obs: PartnershipObservation, reason: string, decision = obs.decision): RejectedMention {
  return {
    observationId: obs.observationId,
    crawlId: obs.source.crawlId,
    sourceUrl: obs.source.url,
    name: obs.fields.name.value,
    decision,
    ...(obs.lookalikeType ? { lookalikeType: obs.lookalikeType } : {}),
    reason,
  };
}

/** Adds a claim; true if the entity changed. */
function addClaim(entity: Entity, claim: Claim): boolean {
  const current = entity.claims.get(claim.sourceUrl);
  const before = `${entity.firstSeen}|${entity.lastSeen}|${entity.observedIn.size}`;
  const replaces =
    !current ||
    claim.fetchedAt > current.fetchedAt ||
    (claim.fetchedAt === current.fetchedAt &&
      (current.observationId.startsWith('register:') || claim.observationId >= current.observationId));
  if (replaces) entity.claims.set(claim.sourceUrl, claim);
  if (claim.fetchedAt < entity.firstSeen) entity.firstSeen = claim.fetchedAt;
  if (claim.fetchedAt > entity.lastSeen) entity.lastSeen = claim.fetchedAt;
  if (claim.crawlId) entity.observedIn.add(claim.crawlId);
  const same =
    current !== undefined &&
    current.observationId === claim.observationId &&
    current.fetchedAt === claim.fetchedAt;
  return !same || before !== `${entity.firstSeen}|${entity.lastSeen}|${entity.observedIn.size}`;
}

const entityKeys = (e: Entity, namesPlace: (name: string) => boolean) =>
  [...e.claims.values()].flatMap((c) => [
    ...strongKeys(c),
    ...nameLaKeys(c),
    ...wordsLaKeys(c),
    ...fullNameKeys(c, namesPlace),
  ]);

/**
 * Folds observations into the register state (mutated in place) and returns the records to publish.
 * Deterministic: the same observations, in any order, on the same state give the same ids and records.
 * Existing ids always win; existing records are never merged automatically (a curated merge does that).
 */
export function normaliseBatch(
  observations: readonly ObservationV1[],
  corrections: readonly Correction[],
  gazetteer: Gazetteer,
  state: RegisterState,
  options: NormaliseOptions = {},
): BatchResult {
  const rejected: RejectedMention[] = [];
  const dirty = new Set<string>();
  const claims = new Map<string, Claim>();
  const unresolvedByObs = new Map<string, Claim>();
  const suppressions = corrections.flatMap((c) =>
    c.action === 'suppress' && c.name && c.la
      ? [{ c, key: orgNameKey(c.name), la: gazetteer.resolveLa(c.la)?.laCode }]
      : [],
  );

  const partnerships = observations.filter((o): o is PartnershipObservation => o.kind === 'partnership');
  for (const obs of [...partnerships].sort((a, b) => (a.observationId < b.observationId ? -1 : 1))) {
    if (obs.decision !== 'abep') {
      rejected.push(rejectionOf(obs, obs.reason));
      continue;
    }
    if (gazetteer.isTeachingSchoolHub(obs.fields.name.value)) {
      rejected.push(
        rejectionOf(
          obs,
          'a teaching school hub (gazetteer list), not an area-based partnership',
          'lookalike',
        ),
      );
      continue;
    }
    const claim = toClaim(obs, gazetteer);
    const key = orgNameKey(obs.fields.name.value);
    const laCodes = new Set((claim.fields.localAuthorities?.value ?? []).map((la) => la.laCode));
    const suppressed = suppressions.find((s) => s.key === key && s.la !== undefined && laCodes.has(s.la));
    if (suppressed) {
      rejected.push(
        rejectionOf(obs, `suppressed by ${suppressed.c.by}: ${suppressed.c.reason}`, 'lookalike'),
      );
      continue;
    }
    claims.set(`c:${obs.observationId}`, claim);
    if (claim.unresolvedAreas.length > 0) unresolvedByObs.set(obs.observationId, claim);
  }

  // Entity resolution: claims and existing entities that share a strong, name-within-LA or placed-name key are one.
  const namesPlace = (name: string) => gazetteer.findPlaces(name).length > 0;
  const uf = createUnionFind();
  const owner = new Map<string, string>();
  const link = (node: string, key: string) => {
    const first = owner.get(key);
    if (first === undefined) owner.set(key, node);
    else uf.union(first, node);
  };
  const byName = new Map<string, Set<string>>();
  const noteName = (name: string, node: string) => {
    const set = byName.get(name) ?? new Set<string>();
    set.add(node);
    byName.set(name, set);
  };
  const sortedEntities = [...state.entities.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const entity of sortedEntities) {
    const node = `e:${entity.id}`;
    uf.find(node);
    for (const key of entityKeys(entity, namesPlace)) if (!owner.has(key)) owner.set(key, node);
    for (const claim of entity.claims.values()) for (const n of nameKeysOf(claim)) noteName(n, node);
  }
  const nameOnly: [string, Claim][] = [];
  for (const [node, claim] of claims) {
    const keys = [
      ...strongKeys(claim),
      ...nameLaKeys(claim),
      ...wordsLaKeys(claim),
      ...fullNameKeys(claim, namesPlace),
    ];
    if (keys.length === 0) {
      nameOnly.push([node, claim]);
      continue;
    }
    uf.find(node);
    for (const key of keys) link(node, key);
    for (const n of nameKeysOf(claim)) noteName(n, node);
  }
  // A mention with no LA and no registry number or site joins the one partnership of that name, if only one.
  for (const [node, claim] of nameOnly) {
    const roots = new Set(nameKeysOf(claim).flatMap((n) => [...(byName.get(n) ?? [])].map(uf.find)));
    if (roots.size === 1) uf.union([...roots][0] as string, node);
    else for (const n of nameKeysOf(claim)) link(node, `name:${n}@*`);
  }

  const groups = new Map<string, string[]>();
  for (const node of [...sortedEntities.map((e) => `e:${e.id}`), ...claims.keys()]) {
    const root = uf.find(node);
    const list = groups.get(root);
    if (list) list.push(node);
    else groups.set(root, [node]);
  }
  const claimToId = new Map<string, string>();
  for (const nodes of [...groups.values()].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1))) {
    const newClaims = nodes.filter((n) => n.startsWith('c:'));
    if (newClaims.length === 0) continue;
    const existing = nodes
      .filter((n) => n.startsWith('e:'))
      .map((n) => state.entities.get(n.slice(2)) as Entity)
      .sort((a, b) =>
        a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : a.id < b.id ? -1 : 1,
      );
    let target = existing[0];
    const groupClaims = newClaims.map((n) => claims.get(n) as Claim);
    if (!target) {
      const keys = groupClaims.flatMap((c) => {
        const k = [...strongKeys(c), ...nameLaKeys(c)];
        return k.length > 0 ? k : nameKeysOf(c).map((n) => `name:${n}@*`);
      });
      const id = idFor(primaryKey(keys) ?? `obs:${groupClaims[0]?.observationId}`, (x) =>
        state.entities.has(x),
      );
      const first = groupClaims.map((c) => c.fetchedAt).sort()[0] ?? '';
      target = {
        id,
        claims: new Map(),
        firstSeen: first,
        lastSeen: first,
        crawlsUnseen: 0,
        observedIn: new Set(),
      };
      state.entities.set(id, target);
    }
    for (const claim of groupClaims.sort((a, b) =>
      a.fetchedAt < b.fetchedAt ? -1 : a.fetchedAt > b.fetchedAt ? 1 : 0,
    )) {
      if (addClaim(target, claim)) dirty.add(target.id);
      claimToId.set(claim.observationId, target.id);
    }
  }

  applyCorrections(state, corrections);
  for (const c of corrections)
    for (const id of 'ids' in c ? c.ids : 'id' in c && c.id ? [c.id] : []) dirty.add(id);
  for (const entity of state.entities.values()) if (!state.records.has(entity.id)) dirty.add(entity.id);

  if (options.finishedCrawlId) {
    const couldHaveSeen = couldHaveSeenIn(options.read);
    for (const entity of state.entities.values()) {
      const unseen = entity.observedIn.has(options.finishedCrawlId)
        ? 0
        : entity.crawlsUnseen + (couldHaveSeen(entity) ? 1 : 0);
      if (unseen !== entity.crawlsUnseen) dirty.add(entity.id);
      entity.crawlsUnseen = unseen;
    }
  }

  const pins = pinsById(corrections);
  const records: PartnershipV1[] = [];
  const changed: PartnershipV1[] = [];
  const truncated: RecordCuts[] = [];
  for (const entity of [...state.entities.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (entity.claims.size === 0 && !entity.withdrawn) continue;
    const cached = state.records.get(entity.id);
    if (cached && !dirty.has(entity.id)) {
      records.push(cached);
      continue;
    }
    const cuts: string[] = [];
    const record = buildRecord(entity, {
      truncated: cuts,
      gazetteer,
      inactiveAfterCrawls: options.inactiveAfterCrawls ?? 3,
      pins: pins.get(entity.id) ?? [],
      ...(options.schools ? { schools: options.schools } : {}),
    });
    if (cuts.length) truncated.push({ key: registerKey(record), cuts });
    records.push(record);
    state.records.set(record.id, record);
    if (state.published.get(registerKey(record)) !== stableJson(record)) changed.push(record);
  }

  const unresolved = [...unresolvedByObs].map(([observationId, claim]) => ({
    observationId,
    crawlId: claim.crawlId ?? '',
    sourceUrl: claim.sourceUrl,
    partnershipId: claimToId.get(observationId) ?? '',
    areas: claim.unresolvedAreas,
  }));
  return { changed, records, rejected, unresolved, truncated };
}

/** Absence of evidence is not evidence of absence: an LA that was not read says nothing about its partnerships. */
function couldHaveSeenIn(read: NormaliseOptions['read']): (entity: Entity) => boolean {
  if (!read) return () => true;
  const urls = new Set([...read.urls].map((u) => displayUrl(u) ?? u));
  return (entity) => {
    const las = new Set(
      [...entity.claims.values()].flatMap((c) =>
        (c.fields.localAuthorities?.value ?? []).map((l) => l.laCode),
      ),
    );
    if (las.size > 0) return [...las].every((la) => read.laCodes.has(la));
    return [...entity.claims.keys()].some((url) => urls.has(url));
  };
}

/** Records the published versions, so the next batch only returns what changed since. */
export function markPublished(state: RegisterState, records: readonly RegisterRecordV1[]): void {
  for (const r of records) state.published.set(registerKey(r), stableJson(r));
}
