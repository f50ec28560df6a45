import type { ScopeRules } from '@abep/schemas';

export interface CompiledScope {
  rules: ScopeRules;
  include?: RegExp[];
  exclude: RegExp[];
}

export function compileScope(rules: ScopeRules): CompiledScope {
  return {
    rules,
    ...(rules.include ? { include: rules.include.map((s) => new RegExp(s)) } : {}),
    exclude: (rules.exclude ?? []).map((s) => new RegExp(s)),
  };
}

export interface LinkContext {
  /** Depth the link would be requested at. */
  depth: number;
  /** Registrable domains of the page the link was found on (request URL and, for seeds, final URL). */
  pageDomains: ReadonlySet<string>;
  domainOf: (url: string) => string | null;
}

/** Why a normalised http(s) link is out of scope, or undefined when it may be requested. */
export function outOfScope(url: string, scope: CompiledScope, context: LinkContext): string | undefined {
  if (!/^https?:\/\//.test(url)) return 'scheme';
  if (context.depth > scope.rules.maxDepth) return 'depth';
  const domain = context.domainOf(url);
  if (!domain) return 'no-registrable-domain';
  const allowed = scope.rules.registrableDomains;
  if (allowed === 'same-as-seed' ? !context.pageDomains.has(domain) : !allowed.includes(domain))
    return 'domain';
  if (scope.include && !scope.include.some((re) => re.test(url))) return 'not-included';
  if (scope.exclude.some((re) => re.test(url))) return 'excluded';
  return undefined;
}
