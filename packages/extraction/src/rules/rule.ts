/**
 * A phrase rule: a pattern and examples of the phrasing, written in our own words, that it must match (and
 * counter-examples it must not). The examples are the rule's documentation and its test.
 */
export interface PhraseRule<L extends string = string> {
  id: string;
  label: L;
  /** Regex source; `{NAME}` (where used) is replaced by the escaped organisation name. */
  pattern: string;
  flags?: string;
  examples: readonly string[];
  counterExamples?: readonly string[];
}

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule as a regex, with `{NAME}` bound to the name (or to a generic capitalised name for tests). */
export function compileRule(rule: PhraseRule, name?: string): RegExp {
  const bound = rule.pattern.replaceAll(
    '{NAME}',
    name === undefined
      ? String.raw`(?:[A-Z][\w'’&-]*(?:\s+(?:of|for|and|in|the|&)?\s*[A-Z][\w'’&-]*)*)`
      : escapeRegex(name),
  );
  return new RegExp(bound, rule.flags ?? 'i');
}
