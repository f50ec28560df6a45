import type { SchoolGazetteer } from './school-gazetteer.ts';
import { schoolNameKeys } from './school-name-variants.ts';

/**
 * A resolution test set made from the school lists themselves, at run time (never stored): real names written
 * the way partnership pages write them, each with the URN it must resolve to, or none.
 */
export interface ResolutionCase {
  name: string;
  laCode: string;
  /** The right URN; undefined when the name must stay unresolved (ambiguous, or a school of another LA). */
  urn: string | undefined;
  variant: string;
}

type Rewrite = [string, (name: string) => string | undefined];

const swap = (re: RegExp, to: string) => (name: string) => (re.test(name) ? name.replace(re, to) : undefined);

/** Changes one letter in the longest word, deterministically: a swap of two letters in the middle. */
function typo(name: string): string | undefined {
  const words = name.split(' ');
  let at = -1;
  words.forEach((w, i) => {
    if (/^[A-Za-z]{7,}$/.test(w) && (at < 0 || w.length > (words[at] as string).length)) at = i;
  });
  if (at < 0) return undefined;
  const w = words[at] as string;
  const i = Math.floor(w.length / 2);
  words[at] = w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  return words.join(' ');
}

function dropLetter(name: string): string | undefined {
  const words = name.split(' ');
  const at = words.findIndex((w) => /^[A-Za-z]{8,}$/.test(w));
  if (at < 0) return undefined;
  const w = words[at] as string;
  words[at] = w.slice(0, 3) + w.slice(4);
  return words.join(' ');
}

const REWRITES: readonly Rewrite[] = [
  ['as listed', (n) => n],
  ['without "School"', swap(/ School$/, '')],
  ['"Academy" for "School"', swap(/ School$/, ' Academy')],
  ['"School" for "Academy"', swap(/ Academy$/, ' School')],
  ['"C of E" for "Church of England"', swap(/Church of England/, 'C of E')],
  ['"CE" for "Church of England"', swap(/Church of England/, 'CE')],
  ['"Church of England" for "CE"', swap(/\bC\.?E\.?\b/, 'Church of England')],
  ['"St" for "Saint"', swap(/\bSaint\b/, 'St')],
  ['"Saint" for "St"', swap(/\bSt\.? /, 'Saint ')],
  ['"RC" for "Catholic"', swap(/\b(?:Roman )?Catholic\b/, 'RC')],
  ['"&" for "and"', swap(/ and /, ' & ')],
  ['no apostrophes', swap(/['’]/g, '')],
  ['without "The"', swap(/^The /, '')],
  ['lower case', (n) => n.toLowerCase()],
  ['typo (letters swapped)', typo],
  ['typo (letter dropped)', dropLetter],
];

/**
 * Up to `perRewrite` cases per rewrite from every `step`-th open state school (by URN, so the set is the same
 * on every run), plus old names of converted schools (GIAS successor links), true duplicates (must stay
 * unresolved) and schools asked for in an LA they are not in (must stay unresolved).
 */
export function buildResolutionTestSet(
  schools: SchoolGazetteer,
  laCodes: readonly string[],
  { step = 7, perRewrite = 400 }: { step?: number; perRewrite?: number } = {},
): ResolutionCase[] {
  const cases: ResolutionCase[] = [];
  const las = [...laCodes].sort();
  const looseByLa = new Map(
    las.map((la) => [
      la,
      new Set(
        schools
          .openStateSchools(la)
          .flatMap((o) => [
            o.name,
            ...schools.predecessorsOf(o.urn).map((u) => schools.school(u)?.name ?? ''),
          ])
          .map((n) => schoolNameKeys(n).loose),
      ),
    ]),
  );
  for (const [i, la] of las.entries()) {
    const open = schools.openStateSchools(la);
    const exactCount = new Map<string, number>();
    const variantCount = new Map<string, number>();
    for (const s of open) {
      const k = schoolNameKeys(s.name);
      exactCount.set(k.exact, (exactCount.get(k.exact) ?? 0) + 1);
      variantCount.set(k.variant, (variantCount.get(k.variant) ?? 0) + 1);
    }
    open.forEach((s, j) => {
      // Schools that share a name in their LA are the ambiguous cases: none of them may be picked.
      if ((exactCount.get(schoolNameKeys(s.name).exact) ?? 0) > 1) {
        cases.push({ name: s.name, laCode: la, urn: undefined, variant: 'shared name (ambiguous)' });
        return;
      }
      if (j % step !== 0) return;
      for (const [variant, rewrite] of REWRITES) {
        const name = rewrite(s.name);
        if (name === undefined || (variant !== 'as listed' && name === s.name)) continue;
        // A rewrite that gives another school's exact name names that school: no right answer to score.
        const exact = schoolNameKeys(name).exact;
        if (variant !== 'as listed' && open.some((o) => o !== s && schoolNameKeys(o.name).exact === exact))
          continue;
        // A rewrite that makes the name another school's too is ambiguous: then nothing may be picked.
        const shared =
          variant !== 'as listed' &&
          !exactCount.has(exact) &&
          (variantCount.get(schoolNameKeys(name).variant) ?? 0) > 1;
        cases.push({ name, laCode: la, urn: shared ? undefined : s.urn, variant });
      }
      const other = las[(i + 1) % las.length] as string;
      const elsewhere = looseByLa.get(other)?.has(schoolNameKeys(s.name).loose) ?? false;
      if (other !== la && !elsewhere)
        cases.push({ name: s.name, laCode: other, urn: undefined, variant: 'school of another LA' });
    });
  }
  for (const la of las) {
    const open = schools.openStateSchools(la);
    const current = new Set(open.map((o) => schoolNameKeys(o.name).exact));
    for (const s of open) {
      for (const link of schools.predecessorsOf(s.urn)) {
        const old = schools.school(link);
        if (
          old &&
          !old.openState &&
          schools.openSuccessor(link) === s.urn &&
          !current.has(schoolNameKeys(old.name).exact) &&
          schoolNameKeys(old.name).variant !== schoolNameKeys(s.name).variant
        )
          cases.push({ name: old.name, laCode: la, urn: s.urn, variant: 'old name (before conversion)' });
      }
    }
  }
  const byVariant = new Map<string, ResolutionCase[]>();
  for (const c of cases) byVariant.set(c.variant, [...(byVariant.get(c.variant) ?? []), c]);
  return [...byVariant.values()].flatMap((list) => list.slice(0, perRewrite));
}

export interface ResolutionScore {
  cases: number;
  /** Cases with a right URN. */
  resolvable: number;
  resolved: number;
  correct: number;
  /** Resolved to the wrong school, or resolved where the name must stay unresolved. */
  wrong: number;
  /** Of the cases that must stay unresolved, how many were resolved anyway. */
  ambiguousResolved: number;
  precision: number;
  recall: number;
  byVariant: Record<string, { cases: number; correct: number; wrong: number }>;
  mistakes: { name: string; laCode: string; expected: string | undefined; got: string }[];
}

export function scoreResolution(schools: SchoolGazetteer, cases: readonly ResolutionCase[]): ResolutionScore {
  let resolved = 0;
  let correct = 0;
  let wrong = 0;
  let ambiguousResolved = 0;
  const byVariant: ResolutionScore['byVariant'] = {};
  const mistakes: ResolutionScore['mistakes'] = [];
  for (const c of cases) {
    const m = schools.match(c.name, [c.laCode]);
    const v = byVariant[c.variant] ?? { cases: 0, correct: 0, wrong: 0 };
    byVariant[c.variant] = v;
    v.cases++;
    if (m.status !== 'resolved') continue;
    resolved++;
    if (m.urn === c.urn) {
      correct++;
      v.correct++;
    } else {
      wrong++;
      v.wrong++;
      if (c.urn === undefined) ambiguousResolved++;
      mistakes.push({
        name: c.name,
        laCode: c.laCode,
        expected: c.urn,
        got: `${m.urn} ${m.matchedName} (${m.kind})`,
      });
    }
  }
  const resolvable = cases.filter((c) => c.urn !== undefined).length;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    cases: cases.length,
    resolvable,
    resolved,
    correct,
    wrong,
    ambiguousResolved,
    precision: resolved ? round(correct / resolved) : 1,
    recall: resolvable ? round(correct / resolvable) : 1,
    byVariant,
    mistakes,
  };
}
