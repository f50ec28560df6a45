import type { PageKind } from '@abep/schemas';
import { bareHost } from '@abep/urls';
import {
  ARTICLE_PATH_RULES,
  COUNCIL_TEXT_RULES,
  HOST_RULES,
  NEWS_TEXT_RULES,
  ORG_HOST_RULES,
} from './rules/page-kind.ts';
import { compileRule } from './rules/rule.ts';

const hostRules = HOST_RULES.map((r) => ({ label: r.label, re: compileRule(r) }));
const newsText = NEWS_TEXT_RULES.map((r) => compileRule(r));
const councilText = COUNCIL_TEXT_RULES.map((r) => compileRule(r));
const articlePaths = ARTICLE_PATH_RULES.map((r) => compileRule(r));
const orgHosts = ORG_HOST_RULES.map((r) => ({ label: r.label, re: compileRule(r) }));

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/\.$/, '').toLowerCase();
  } catch {
    return '';
  }
}

export interface PageKindInput {
  url: string;
  text: string;
  /** The page came from an LA's own site (its seed). */
  councilSite: boolean;
  /** The organisation whose own page this is, if the page speaks as one: its decision decides own-site / lookalike. */
  subject?: { lookalike: boolean };
  /** The page speaks as "we" / "our". */
  firstPerson?: boolean;
}

const COUNCIL_WORDS = /\b(?:local authority|council|LA)\b/gi;
const SCHOOL_HOST = /school|primary|infant|junior|\.sch\.uk$/;

function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).toLowerCase();
  } catch {
    return '';
  }
}

const NAMED_FOR_BODY =
  /(?:teachingschool|tsan?|hub|trust|academy|academies|federation|college|partnership|alliance|challenge|collaborative|consortium)$/;

/** The page's role, from its host's shape and its own words; the pipeline that fetched it is not consulted. */
export function classifyPage(input: PageKindInput): PageKind {
  const host = hostOf(input.url);
  const byHost = hostRules.find((r) => r.re.test(host))?.label;
  if (input.councilSite || byHost === 'council') return 'council';
  if (byHost === 'directory-or-report' || byHost === 'unrelated') return byHost;
  if (input.subject) return input.subject.lookalike ? 'lookalike' : 'own-site';
  if (byHost === 'news') return 'news';
  const head = input.text.slice(0, 3000);
  if (councilText.some((re) => re.test(head))) return 'council';
  if (newsText.some((re) => re.test(head))) return 'news';
  // A host named for its body ("northvaletsa", "rivertonpartnership") is that body's site even in the third person.
  const named =
    input.firstPerson ||
    NAMED_FOR_BODY.test(bareHost(input.url).split('.')[0] ?? '') ||
    host.endsWith('.ac.uk');
  const byOrgHost = named ? orgHosts.find((r) => r.re.test(host))?.label : undefined;
  if (byOrgHost) return byOrgHost;
  if (!/\b(?:school|schools|education|pupils|headteachers?)\b/i.test(head)) return 'unrelated';
  // About schools, on no site the host names: an article (by its address) or a school's own page is written
  // about others; any other organisation's page about schools is, most often, a body that is not a partnership.
  if (articlePaths.some((re) => re.test(pathOf(input.url))) || SCHOOL_HOST.test(host)) return 'news';
  // An organisation's page that keeps naming the council is, most often, a council's schools portal.
  return (head.match(COUNCIL_WORDS) ?? []).length >= 3 ? 'council' : 'lookalike';
}
