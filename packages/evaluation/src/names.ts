/**
 * Strict name matching: a published name is right only when, normalised, it EQUALS one of the label's variants.
 * No substring or fuzzy matching, so "Learn SheffieldThis" or "Partnership Steering Group" never pass for a
 * partnership's name.
 */

/**
 * Lower-case; `&` → "and"; curly quotes straightened; accents dropped; apostrophes dropped ("Schools'" →
 * "schools"); other punctuation → space; a leading "the" and a trailing "ltd"/"limited" dropped; spaces collapsed.
 */
export function normaliseName(name: string): string {
  let text = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[‘’‚′`]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replaceAll('&', ' and ')
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  text = text.replace(/^the /, '').replace(/ (?:ltd|limited)$/, '');
  return text.trim();
}

/** "School(s)" → ["School", "Schools"]; likewise any word(s). Applied to the whole name, every occurrence. */
function expandPlurals(name: string): string[] {
  const at = /(\p{L}+)\(s\)/u.exec(name);
  if (!at) return [name];
  const before = name.slice(0, at.index);
  const after = name.slice(at.index + at[0].length);
  const word = at[1] as string;
  return [...expandPlurals(`${before}${word}${after}`), ...expandPlurals(`${before}${word}s${after}`)];
}

/**
 * The names a label accepts, as written (not normalised): the name without its parentheticals, and each
 * `;`-separated part inside parentheses ("formerly " stripped); "School(s)" gives both forms. A name written as
 * alternatives "A / B" gives each alternative too (the corpus writes two names of one body that way).
 */
export function labelNameVariants(name: string): string[] {
  const out = new Set<string>();
  for (const expanded of expandPlurals(name)) {
    const base = expanded
      .replace(/\([^()]*\)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    out.add(base);
    for (const alternative of base.split(/\s+\/\s+/)) out.add(alternative.trim());
    for (const group of expanded.matchAll(/\(([^()]*)\)/g)) {
      for (const part of (group[1] ?? '').split(';')) {
        const cleaned = part.trim().replace(/^formerly\s+/i, '');
        if (cleaned) out.add(cleaned);
      }
    }
  }
  return [...out].filter((v) => normaliseName(v) !== '');
}

/** Normalised variants, for matching. */
export function labelNameKeys(name: string): Set<string> {
  return new Set(labelNameVariants(name).map(normaliseName));
}
