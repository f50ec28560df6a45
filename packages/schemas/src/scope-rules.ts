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

/**
 * What a pipeline's crawl may follow; links failing any rule are simply not requested. Plain JSON, so a
 * pipeline package hands its rules over without code; the crawler parses them when a crawl starts.
 */
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
