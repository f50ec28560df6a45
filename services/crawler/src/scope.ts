import { z } from 'zod';

const RegexString = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid regular expression' },
);

/** What a pipeline's crawl may follow. Links failing any rule are simply not requested. */
export const ScopeRules = z.object({
  /** Registrable domains (eTLD+1) links may go to; 'same-as-seed' = the domain of the page they were found on. */
  registrableDomains: z
    .union([z.array(z.string().min(1)), z.literal('same-as-seed')])
    .default('same-as-seed'),
  /** If given, a URL must match at least one. */
  include: z.array(RegexString).optional(),
  /** A URL matching any is out of scope. */
  exclude: z.array(RegexString).optional(),
  /** Seeds are depth 0; links found at depth d are requested at d+1 only if d+1 <= maxDepth. */
  maxDepth: z.int().min(0),
  /** Pages fetched per host per crawl; later requests settle as CRAWL_LIMIT_REACHED. */
  maxPagesPerHost: z.int().min(1),
});
export type ScopeRules = z.infer<typeof ScopeRules>;
export type ScopeRulesInput = z.input<typeof ScopeRules>;

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
