/**
 * A linear-time stand-in for robots-parser's rule matching. robots-parser keeps a table of matching lengths per
 * pattern character, so a check costs pattern length × path length per rule: a hostile 512 KiB robots.txt of
 * wildcards took seconds per URL. Here each pattern is split once at its '*'s and matched by leftmost search,
 * which is exact for RFC 9309 patterns ('*' any run, a final '$' the end): the same verdicts, bounded by the
 * path's length per rule.
 */
interface ParsedRule {
  pattern: string;
  allow: boolean;
}

export interface CompiledRule {
  allow: boolean;
  /** The pattern's length as written (precedence: longest wins, allow on a tie). */
  length: number;
  parts: string[];
  anchored: boolean;
  /** Characters a path needs to match at all. */
  minLength: number;
}

export function compileRules(rules: readonly ParsedRule[]): CompiledRule[] {
  return rules.map((rule) => {
    const anchored = rule.pattern.endsWith('$');
    const split = (anchored ? rule.pattern.slice(0, -1) : rule.pattern).split('*');
    // Empty middle parts (from '**') match anything: dropping them keeps the verdict.
    const parts =
      split.length > 2
        ? [split[0] as string, ...split.slice(1, -1).filter(Boolean), split.at(-1) as string]
        : split;
    return {
      allow: rule.allow,
      length: rule.pattern.length,
      parts,
      anchored,
      minLength: parts.reduce((n, p) => n + p.length, 0),
    };
  });
}

function ruleMatches(rule: CompiledRule, path: string): boolean {
  if (rule.minLength > path.length) return false;
  const { parts } = rule;
  const first = parts[0] as string;
  if (!path.startsWith(first)) return false;
  if (parts.length === 1) return !rule.anchored || path.length === first.length;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const found = path.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  const last = parts.at(-1) as string;
  if (rule.anchored) return path.length - last.length >= at && path.endsWith(last);
  return path.indexOf(last, at) !== -1;
}

/** The rule that decides `path`: the longest matching pattern, allow winning a tie (as robots-parser). */
export function findRule(path: string, rules: readonly CompiledRule[]): CompiledRule | undefined {
  let best: CompiledRule | undefined;
  for (const rule of rules) {
    if (best && rule.length < best.length) continue;
    if (best && rule.length === best.length && (best.allow || !rule.allow)) continue;
    if (ruleMatches(rule, path)) best = rule;
  }
  return best;
}
