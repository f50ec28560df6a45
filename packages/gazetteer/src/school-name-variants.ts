import { nameKey } from './name-key.ts';

/**
 * Matching keys for school names, from strict to loose. Each key is a space-separated word list, so keys compare
 * word by word and Levenshtein distances stay meaningful.
 *
 * - exact: case, accents, punctuation, apostrophes and "&"/"and" only ("St Mary's C.E." = "st marys c e").
 * - variant: also St/Saint, C of E/CE/Church of England, RC/Roman Catholic/Catholic, J&I/Junior and Infant,
 *   "Primary School"/"Primary Academy"/"Primary", "Academy"/"School", a leading "The", "Community", "VA"/"VC".
 * - loose: the variant key without denominational words (CE, Catholic, Methodist…): pages often leave them out.
 * - core: the loose key without phase words (Primary, Infant, Junior, High…): "Oakwood" for "Oakwood Primary".
 */
export interface SchoolNameKeys {
  exact: string;
  variant: string;
  loose: string;
  core: string;
}

const PHRASES: [RegExp, string][] = [
  [/\bchurch of england\b/g, 'ce'],
  [/\bc of e\b/g, 'ce'],
  [/\bcofe\b/g, 'ce'],
  [/\bc e\b/g, 'ce'],
  [/\broman catholic\b/g, 'catholic'],
  [/\br c\b/g, 'catholic'],
  [/\brc\b/g, 'catholic'],
  [/\bsaint\b/g, 'st'],
  [/\bsaints\b/g, 'sts'],
  [/\bjunior mixed and infants?\b/g, 'ji'],
  [/\bjunior and infants?\b/g, 'ji'],
  [/\binfants? and junior\b/g, 'ji'],
  [/\bj and i\b/g, 'ji'],
  [/\bjmi\b/g, 'ji'],
  [/\binfants\b/g, 'infant'],
  [/\bjuniors\b/g, 'junior'],
  [/\bvoluntary (?:aided|controlled)\b/g, ''],
  [/\bprimary and nursery\b/g, 'primary'],
  [/\bnursery and primary\b/g, 'primary'],
];

const DROPPED = new Set(['the', 'school', 'academy', 'community', 'va', 'vc', 'and', 'of']);
const DENOMINATIONAL = new Set(['ce', 'catholic', 'methodist', 'church', 'cofe', 'urc', 'jewish', 'muslim']);
/** Words that say which school of a group this is: never dropped by fuzzy matching, and must agree. */
export const PHASE_WORDS = new Set([
  'primary',
  'infant',
  'junior',
  'ji',
  'nursery',
  'secondary',
  'high',
  'middle',
  'first',
  'upper',
  'lower',
  'college',
  'grammar',
  'special',
  'sixth',
  'form',
]);

function canonicalWords(name: string): string[] {
  let key = ` ${nameKey(name)} `;
  for (const [re, to] of PHRASES) key = key.replace(re, to);
  return key.split(' ').filter((w) => w && !DROPPED.has(w));
}

export function schoolNameKeys(name: string): SchoolNameKeys {
  const words = canonicalWords(name);
  const loose = words.filter((w) => !DENOMINATIONAL.has(w));
  const core = loose.filter((w) => !PHASE_WORDS.has(w));
  return {
    exact: nameKey(name),
    variant: words.join(' '),
    loose: loose.join(' '),
    core: core.join(' '),
  };
}

/**
 * The name without a trailing place ("St Mary's CE Primary School, Oldham", "… (Hove)", "… - Hove"), when the
 * place is one of `places` (the school's town, its LA's name). Undefined when there is no such suffix.
 */
export function withoutPlaceSuffix(name: string, places: readonly string[]): string | undefined {
  const m = /^(.*?)(?:\s*,\s*|\s+-\s+|\s*\(\s*|\s+)([^,()-]+?)\)?\s*$/.exec(name.trim());
  if (!m?.[1] || !m[2]) return undefined;
  const tail = nameKey(m[2]);
  return places.some((p) => p && nameKey(p) === tail) ? m[1] : undefined;
}

/** Words of a key that say phase; two names whose phase words differ are different schools. */
export function phaseWordsOf(key: string): string {
  return key
    .split(' ')
    .filter((w) => PHASE_WORDS.has(w))
    .sort()
    .join(' ');
}
