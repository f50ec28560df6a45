import { distance } from 'fastest-levenshtein';
import { defaultDataDir } from './data-dir.ts';
import { createEstablishmentLinks, type EstablishmentLinks } from './gias-links.ts';
import type { School, SchoolIndex } from './gias-schools.ts';
import {
  ESTABLISHMENTS_FILE,
  type GiasSchool,
  LINKS_FILE,
  OPEN_SCHOOLS_FILE,
  phaseOf,
  readListCsv,
  SCHOOL_PHASES,
  type SchoolPhase,
} from './school-list.ts';
import {
  PHASE_WORDS,
  phaseWordsOf,
  type SchoolNameKeys,
  schoolNameKeys,
  withoutPlaceSuffix,
} from './school-name-variants.ts';

/**
 * Fuzzy matches need a similarity (1 − Levenshtein distance / longer key length, on variant keys) of at least
 * this, and must beat the next school by FUZZY_MARGIN (else the name stays ambiguous); the words, their first
 * letters and the phase words (Primary, Infant…) must agree. Chosen on the resolution bench
 * (`pnpm -C packages/gazetteer bench`): one typo in a name of 10+ letters passes, "Belmore" for "Belmont" does
 * not. Similarity uses edits: Levenshtein, with two swapped neighbouring letters counted as one.
 */
export const FUZZY_THRESHOLD = 0.9;
export const FUZZY_MARGIN = 0.05;

export type SchoolMatchKind = 'exact' | 'variant' | 'fuzzy';
export interface SchoolCandidate {
  urn: string;
  name: string;
}
export type SchoolMatch =
  | {
      status: 'resolved';
      kind: SchoolMatchKind;
      urn: string;
      school: GiasSchool;
      /** The GIAS name the page's name matched (an old name when `viaUrn` is set). */
      matchedName: string;
      /** The closed URN whose name matched, followed to `urn` through GIAS successor links. */
      viaUrn?: string;
      similarity?: number;
    }
  | { status: 'ambiguous'; kind: SchoolMatchKind; candidates: SchoolCandidate[] }
  | { status: 'unresolved' };

export interface LaSchoolCounts {
  /** Open English state schools in the July 2025 list whose LA is known. */
  total: number;
  byPhase: Partial<Record<SchoolPhase, number>>;
}

export interface SchoolGazetteer extends SchoolIndex {
  /** Open English state schools (22,010 in July 2025). */
  readonly openStateCount: number;
  school(urn: string): GiasSchool | undefined;
  /** Open state schools of an LA (DfE code), sorted by URN. */
  openStateSchools(laCode: string): GiasSchool[];
  /** Counts for every LA that has open state schools. */
  countsByLa(): ReadonlyMap<string, LaSchoolCounts>;
  /** A name as a page writes it → one open state school within these LAs, or the candidates, or nothing. */
  match(name: string, laCodes: readonly string[]): SchoolMatch;
  readonly links: EstablishmentLinks;
  /** The open state school that carries a closed URN on (GIAS successor links), if any. */
  openSuccessor(urn: string): string | undefined;
  /** URNs GIAS links as this school's predecessors. */
  predecessorsOf(urn: string): string[];
}

interface Entry {
  keys: SchoolNameKeys;
  /** Phase words and word initials of the variant key, for the fuzzy checks. */
  phase: string;
  initials: string;
  name: string;
  /** The open state school this name stands for today. */
  target: GiasSchool;
  /** Set when the name is a closed school's, carried on by `target`. */
  viaUrn?: string;
}

/** ../shared/data beside the repository: the real school lists are read from there, never copied in. */
export function sharedDataDir(): string {
  return defaultDataDir();
}

/**
 * Levenshtein distance (fastest-levenshtein), except that two swapped neighbouring letters count as one typo,
 * as people make them, not two.
 */
function edits(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  let i = 0;
  while (a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2) ? 1 : d;
}

/** A misspelt phase word ("Primray") is still that phase word for the phase check. */
function phaseWordFor(word: string): string {
  if (PHASE_WORDS.has(word) || word.length < 5) return word;
  for (const p of PHASE_WORDS) if (p.length >= 5 && edits(word, p) === 1) return p;
  return word;
}

/** Typos keep words and their first letters: "Sandhurst" is not a misspelt "Lyndhurst". */
function initialsOf(key: string): string {
  return key
    .split(' ')
    .map((w) => w[0])
    .join('');
}

const LEVELS = ['exact', 'variant', 'loose', 'core'] as const;

/**
 * Reads the two GIAS lists and the links file from `dataDir` (about 7 MB of CSV, ~1 s): call once and pass the
 * result on. Throws CONFIG_INVALID naming the file and column when one is missing or malformed.
 */
export function loadSchoolGazetteer(dataDir: string = sharedDataDir()): SchoolGazetteer {
  const establishments = readListCsv(dataDir, ESTABLISHMENTS_FILE, [
    'urn',
    'establishment_name',
    'la_code_derived',
    'phase_of_education',
    'establishment_status',
  ]);
  const open = readListCsv(dataDir, OPEN_SCHOOLS_FILE, ['urn', 'name', 'town']);
  const linkRows = readListCsv(dataDir, LINKS_FILE, ['urn', 'link_urn', 'link_type']);
  return createSchoolGazetteer({
    establishments: establishments.map((r) => ({
      urn: r.urn,
      name: r.establishment_name,
      laCode: r.la_code_derived || undefined,
      phase: r.phase_of_education,
      status: r.establishment_status,
    })),
    openSchools: open.map((r) => ({ urn: r.urn, name: r.name, town: r.town || undefined })),
    links: linkRows.map((r) => ({ urn: r.urn, linkUrn: r.link_urn, linkType: r.link_type })),
  });
}

export interface SchoolLists {
  establishments: Iterable<{
    urn: string;
    name: string;
    laCode?: string | undefined;
    phase: string;
    status: string;
  }>;
  openSchools: Iterable<{ urn: string; name: string; town?: string | undefined }>;
  links: readonly { urn: string; linkUrn: string; linkType: string }[];
}

export function createSchoolGazetteer(lists: SchoolLists): SchoolGazetteer {
  const links = createEstablishmentLinks(lists.links);
  const predecessors = new Map<string, string[]>();
  for (const { urn, linkUrn, linkType } of lists.links)
    if (linkType.startsWith('Predecessor'))
      predecessors.set(urn, [...(predecessors.get(urn) ?? []), linkUrn]);

  const schools = new Map<string, GiasSchool>();
  const oldNames = new Map<string, string>();
  for (const e of lists.establishments) {
    if (!/^\d{6}$/.test(e.urn)) continue;
    schools.set(e.urn, {
      urn: e.urn,
      name: e.name.trim(),
      laCode: e.laCode,
      phase: phaseOf(e.phase),
      openState: false,
      status: e.status,
      town: undefined,
    });
  }
  for (const o of lists.openSchools) {
    if (!/^\d{6}$/.test(o.urn)) continue;
    const known = schools.get(o.urn);
    if (known) {
      if (known.name !== o.name.trim()) oldNames.set(o.urn, known.name);
      Object.assign(known, { name: o.name.trim(), openState: true, status: 'Open', town: o.town });
      continue;
    }
    // Newer than the 2024 list: LA and phase from a predecessor, when GIAS links one.
    const before = (predecessors.get(o.urn) ?? []).map((u) => schools.get(u)).find((s) => s?.laCode);
    schools.set(o.urn, {
      urn: o.urn,
      name: o.name.trim(),
      laCode: before?.laCode,
      phase: before?.phase ?? 'unknown',
      openState: true,
      status: 'Open',
      town: o.town,
    });
  }

  /**
   * The open state school that carries a closed one on: single successor links followed until the first open
   * state school (GIAS also links open schools onward, e.g. a merger in progress), undefined if none.
   */
  function openSuccessor(urn: string): string | undefined {
    const seen = new Set([urn]);
    let current = urn;
    for (;;) {
      const next = links.successorsOf(current);
      if (next.length !== 1) return undefined;
      current = next[0] as string;
      if (seen.has(current)) return undefined;
      seen.add(current);
      if (schools.get(current)?.openState) return current;
    }
  }

  // Names per LA; their keys are made on the first match in that LA, so loading stays a parse.
  const namesByLa = new Map<string, Pick<Entry, 'name' | 'target' | 'viaUrn'>[]>();
  const entriesByLa = new Map<string, Entry[]>();
  const placesByLa = new Map<string, Set<string>>();
  const add = (laCode: string, name: string, target: GiasSchool, viaUrn?: string) => {
    const list = namesByLa.get(laCode) ?? [];
    list.push({ name, target, ...(viaUrn ? { viaUrn } : {}) });
    namesByLa.set(laCode, list);
  };
  const entriesOf = (laCode: string): Entry[] => {
    let entries = entriesByLa.get(laCode);
    if (!entries) {
      entries = (namesByLa.get(laCode) ?? []).map((e) => {
        const keys = schoolNameKeys(e.name);
        return { ...e, keys, phase: phaseWordsOf(keys.variant), initials: initialsOf(keys.variant) };
      });
      entriesByLa.set(laCode, entries);
    }
    return entries;
  };
  for (const s of schools.values()) {
    if (!s.laCode) continue;
    if (s.openState) {
      add(s.laCode, s.name, s);
      const old = oldNames.get(s.urn);
      if (old) add(s.laCode, old, s);
      if (s.town) {
        const bare = withoutPlaceSuffix(s.name, [s.town]);
        if (bare) add(s.laCode, bare, s);
        const places = placesByLa.get(s.laCode) ?? new Set<string>();
        places.add(s.town);
        placesByLa.set(s.laCode, places);
      }
      continue;
    }
    const target = schools.get(openSuccessor(s.urn) ?? '');
    if (target?.laCode) add(target.laCode, s.name, target, s.urn);
  }

  const openByLa = new Map<string, GiasSchool[]>();
  for (const s of [...schools.values()].sort((a, b) => (a.urn < b.urn ? -1 : 1)))
    if (s.openState && s.laCode) openByLa.set(s.laCode, [...(openByLa.get(s.laCode) ?? []), s]);
  const counts = new Map<string, LaSchoolCounts>();
  let openStateCount = 0;
  for (const s of schools.values()) {
    if (!s.openState) continue;
    openStateCount++;
    if (!s.laCode) continue;
    const c = counts.get(s.laCode) ?? { total: 0, byPhase: {} };
    c.total++;
    c.byPhase[s.phase] = (c.byPhase[s.phase] ?? 0) + 1;
    counts.set(s.laCode, c);
  }
  for (const c of counts.values())
    c.byPhase = Object.fromEntries(SCHOOL_PHASES.filter((p) => c.byPhase[p]).map((p) => [p, c.byPhase[p]]));

  const candidatesOf = (entries: readonly Entry[]): SchoolCandidate[] =>
    [
      ...new Map(entries.map((e) => [e.target.urn, { urn: e.target.urn, name: e.target.name }])).values(),
    ].sort((a, b) => (a.urn < b.urn ? -1 : 1));

  function decide(
    hits: readonly Entry[],
    kind: SchoolMatchKind,
    similarity?: number,
  ): SchoolMatch | undefined {
    if (hits.length === 0) return undefined;
    // Today's names first: an old name only counts where no current name matches.
    const current = hits.filter((e) => !e.viaUrn);
    const pool = current.length > 0 ? current : hits;
    const targets = new Set(pool.map((e) => e.target.urn));
    if (targets.size > 1) return { status: 'ambiguous', kind, candidates: candidatesOf(pool) };
    const hit = pool[0] as Entry;
    return {
      status: 'resolved',
      kind,
      urn: hit.target.urn,
      school: hit.target,
      matchedName: hit.name,
      ...(hit.viaUrn ? { viaUrn: hit.viaUrn } : {}),
      ...(similarity !== undefined ? { similarity } : {}),
    };
  }

  function matchKeys(keys: SchoolNameKeys, pool: readonly Entry[]): SchoolMatch | undefined {
    for (const level of LEVELS) {
      const wanted = keys[level];
      if (!wanted) continue;
      // A bare "Oakwood" (as in "Oakwood, Elm and Ash primary schools") may be Oakwood Primary; "Oakwood
      // Primary" is never Oakwood Infant, and "Hayes School" is a school called that, not Hayes Primary.
      if (level === 'core' && (phaseWordsOf(keys.loose) || /\b(?:school|academy)\b/.test(keys.exact)))
        continue;
      const found = decide(
        pool.filter((e) => e.keys[level] === wanted),
        level === 'exact' ? 'exact' : 'variant',
      );
      if (found) return found;
    }
    return undefined;
  }

  function fuzzy(keys: SchoolNameKeys, pool: readonly Entry[]): SchoolMatch | undefined {
    const phase = phaseWordsOf(keys.variant.split(' ').map(phaseWordFor).join(' '));
    const initials = initialsOf(keys.variant);
    const best = new Map<string, { entry: Entry; similarity: number }>();
    for (const e of pool) {
      if (e.phase !== phase || e.initials !== initials) continue;
      let similarity = 0;
      for (const level of ['variant', 'loose'] as const) {
        const a = keys[level];
        const b = e.keys[level];
        if (!a || !b) continue;
        similarity = Math.max(similarity, 1 - edits(a, b) / Math.max(a.length, b.length));
      }
      const seen = best.get(e.target.urn);
      if (!seen || similarity > seen.similarity || (similarity === seen.similarity && !e.viaUrn))
        best.set(e.target.urn, { entry: e, similarity });
    }
    const ranked = [...best.values()].sort((a, b) => b.similarity - a.similarity);
    const [top, next] = ranked;
    if (!top || top.similarity < FUZZY_THRESHOLD) return undefined;
    const close = ranked.filter((r) => r.similarity > top.similarity - FUZZY_MARGIN);
    if (next && close.length > 1)
      return { status: 'ambiguous', kind: 'fuzzy', candidates: candidatesOf(close.map((r) => r.entry)) };
    return decide([top.entry], 'fuzzy', Math.round(top.similarity * 1000) / 1000);
  }

  function match(name: string, laCodes: readonly string[]): SchoolMatch {
    const pool = laCodes.flatMap(entriesOf);
    if (pool.length === 0 || !name.trim()) return { status: 'unresolved' };
    const places = laCodes.flatMap((la) => [...(placesByLa.get(la) ?? [])]);
    const names = [name];
    const bare = withoutPlaceSuffix(name, places);
    if (bare) names.push(bare);
    for (const n of names) {
      const found = matchKeys(schoolNameKeys(n), pool);
      if (found) return found;
    }
    for (const n of names) {
      const found = fuzzy(schoolNameKeys(n), pool);
      if (found) return found;
    }
    return { status: 'unresolved' };
  }

  const asSchool = (s: GiasSchool): School => ({
    urn: s.urn,
    laCode: s.laCode ?? '',
    name: s.name,
    status: s.status,
    phase: s.phase,
    website: undefined,
  });

  return {
    get size() {
      return schools.size;
    },
    openStateCount,
    links,
    get: (urn) => {
      const s = schools.get(urn);
      return s ? asSchool(s) : undefined;
    },
    school: (urn) => schools.get(urn),
    resolveSchool(name, laCode) {
      const m = match(name, [laCode]);
      return m.status === 'resolved' ? m.urn : undefined;
    },
    openStateSchools: (laCode) => [...(openByLa.get(laCode) ?? [])],
    countsByLa: () => counts,
    openSuccessor,
    predecessorsOf: (urn) => [...(predecessors.get(urn) ?? [])].sort(),
    match,
  };
}
