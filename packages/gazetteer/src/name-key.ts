/**
 * Matching key for place and organisation names: case, accents, punctuation, hyphens and "&" do not matter;
 * "St." equals "St". Words stay whole, so keys compare word by word.
 */
export function nameKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

const PREFIXES = [
  'the',
  'council of the',
  'city of',
  'county of',
  'royal borough of',
  'london borough of',
  'borough of',
  'metropolitan borough of',
];
const SUFFIXES = [
  'metropolitan borough council',
  'metropolitan district council',
  'borough council',
  'county council',
  'district council',
  'city council',
  'corporation',
  'council',
  'city',
  'county',
];

/** Strips council words ("London Borough of", "City Council", "X, City of") from a name key, repeatedly. */
export function stripCouncilWords(key: string): string {
  let current = key;
  for (;;) {
    const before = current;
    // "bristol city of" (from "Bristol, City of") → "bristol"
    current = current.replace(/ (city|county) of$/, '');
    for (const p of PREFIXES) if (current.startsWith(`${p} `)) current = current.slice(p.length + 1);
    for (const s of SUFFIXES) if (current.endsWith(` ${s}`)) current = current.slice(0, -(s.length + 1));
    if (current === before) return current;
  }
}
