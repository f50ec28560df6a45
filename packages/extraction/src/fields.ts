import type { LegalForm, PartnershipType, Phase } from '@abep/schemas';
import { SCHOOL_LED, SCHOOL_OWNED } from './cues.ts';
import { COUNT, parseCount } from './number-words.ts';
import { COUNCIL_OR_LA } from './rules/council-phrase.ts';
import { excerptAround } from './text.ts';

export interface Evidenced<T> {
  value: T;
  excerpt: string;
}

function found<T>(
  text: string,
  re: RegExp,
  value: (m: RegExpExecArray) => T | undefined,
): Evidenced<T> | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const v = value(m);
  return v === undefined ? undefined : { value: v, excerpt: excerptAround(text, m[0]) };
}

function firstOf<T>(
  text: string,
  rules: [RegExp, (m: RegExpExecArray) => T | undefined][],
): Evidenced<T> | undefined {
  for (const [re, value] of rules) {
    const hit = found(text, re, value);
    if (hit) return hit;
  }
  return undefined;
}

const YEAR = String.raw`(19[6-9]\d|20[0-4]\d)`;
const MONTH = `(?:January|February|March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter)`;
const year = (m: RegExpExecArray) => Number(m[1]);

export function extractFoundedYear(text: string): Evidenced<number> | undefined {
  return firstOf(text, [
    [
      new RegExp(
        String.raw`\b(?:established|founded|formed|launched|set up|created|incorporated|began|started|constituted|came together|came into (?:being|existence))\b(?:\s+\w+){0,6}?\s+(?:in\s+|on\s+)?(?:${MONTH}\s+)?(?:\d{1,2}\s+${MONTH}\s+)?${YEAR}\b`,
        'i',
      ),
      year,
    ],
    [
      new RegExp(
        String.raw`\b(?:launch|creation|formation|establishment|founding|incorporation)\s+of\s+(?:the\s+)?(?:[A-Z][\w&'’-]*\s+){1,8}?in\s+(?:${MONTH}\s+)?${YEAR}\b`,
      ),
      year,
    ],
    [new RegExp(String.raw`\bsince\s+(?:${MONTH}\s+)?${YEAR}\b`, 'i'), year],
    [
      new RegExp(
        String.raw`\bin\s+(?:${MONTH}\s+)?${YEAR},?\s+(?:\w+\s+){0,8}?(?:formed|founded|established|set up|created|launched|came together)\b`,
        'i',
      ),
      year,
    ],
    [new RegExp(String.raw`\bfounding date:?\s+(?:\d{1,2}\s+)?(?:${MONTH}\s+)?${YEAR}\b`, 'i'), year],
  ]);
}

const APPROX = String.raw`(?:over\s+|more than\s+|around\s+|about\s+|almost\s+|nearly\s+|some\s+|all\s+|approximately\s+)?`;
// Below 1900 so a year is never read as a count; above 1 because one school is no membership.
const count = (m: RegExpExecArray) => {
  const n = parseCount(m[1] ?? '');
  return n !== undefined && n > 1 && n < 1900 ? n : undefined;
};
/** A count, in digits or words, not "one of …". */
const N = String.raw`(${COUNT})(?!\s+of\b)`;

export function extractMemberCount(text: string): Evidenced<number> | undefined {
  return firstOf(text, [
    [
      new RegExp(String.raw`\b${APPROX}${N}\s+member\s+(?:schools|academies|settings|organisations)\b`, 'i'),
      count,
    ],
    [
      new RegExp(
        String.raw`\bmembership\s+(?:of|includes?|now includes?|stands at|has grown to|is)\s+${APPROX}${N}\b`,
        'i',
      ),
      count,
    ],
    [
      new RegExp(
        String.raw`\bmembership\b[^.;]{0,80}?\b(?:stands at|has grown to|has reached|reached|totals|numbers)\s+${APPROX}${N}\b(?!\s*(?:%|per\s*cent))`,
        'i',
      ),
      count,
    ],
    [
      new RegExp(
        String.raw`\b${APPROX}${N}\s+(?:[a-z,-]+\s+){0,4}?(?:schools|academies|settings)(?:\s+and\s+academies)?\s+(?:are\s+(?:now\s+)?members|have\s+(?:now\s+|all\s+)?(?:joined|become members|signed up)|belong|in membership|signed up)\b`,
        'i',
      ),
      count,
    ],
    [
      new RegExp(
        String.raw`\b(?:brings together|includes|represents|comprises|is made up of|unites|has|with)\s+${APPROX}${N}\s+(?:[\w-]+\s+){0,4}?(?:schools|academies|settings)\b`,
        'i',
      ),
      count,
    ],
    [/\bmembers:?\s+(\d{1,4})\s+(?:schools|academies)\b/i, count],
    [
      new RegExp(
        String.raw`\b(?:alliance|partnership|network|collaborative|collective|family|group|company)\s+of\s+${APPROX}${N}\s+(?:[a-z,-]+\s+){0,3}?(?:schools|academies|settings)\b`,
        'i',
      ),
      count,
    ],
  ]);
}

function padCompany(raw: string): string | undefined {
  const v = raw.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{6}$/.test(v)) return v;
  if (/^\d{6,8}$/.test(v)) return v.padStart(8, '0');
  return undefined;
}

export function extractCompanyNumber(text: string): Evidenced<string> | undefined {
  const company = (m: RegExpExecArray) => padCompany(m[1] ?? '');
  return firstOf(text, [
    [
      /\bcompany\s+(?:registration\s+|reg\.?\s+|registered\s+)?(?:no\.?|number|num\.?)\s*[:.]?\s*([A-Z]{2}\s?\d{6}|\d{6,8})\b/i,
      company,
    ],
    [
      /\bregistered\s+(?:in\s+England(?:\s+(?:and|&)\s+Wales)?\s*,?\s*)?(?:company\s+)?(?:no\.?|number)\s*[:.]?\s*([A-Z]{2}\s?\d{6}|\d{6,8})\b/i,
      company,
    ],
    [
      /\bregistered\s+in\s+England(?:\s+(?:and|&)\s+Wales)?\s*[,:.]?\s*(?:with\s+)?(?:company\s+)?(?:no\.?|number)?\s*[:.]?\s*([A-Z]{2}\s?\d{6}|\d{7,8})\b/i,
      company,
    ],
    [/\bcompanies house\s+(?:no\.?|number)\s*[:.]?\s*([A-Z]{2}\s?\d{6}|\d{6,8})\b/i, company],
  ]);
}

export function extractCharityNumber(text: string): Evidenced<string> | undefined {
  const charity = (m: RegExpExecArray) => m[1];
  return firstOf(text, [
    [
      /\b(?:registered\s+)?charity\s+(?:registration\s+|reg\.?\s+)?(?:no\.?|number|num\.?)\s*[:.]?\s*(\d{6,7})\b/i,
      charity,
    ],
    [/\bregistered\s+charity\s*[:,]?\s*(?:no\.?|number)?\s*[:.]?\s*(\d{6,7})\b/i, charity],
  ]);
}

export function extractLegalForm(
  text: string,
  ids: { company?: boolean; charity?: boolean } = {},
): Evidenced<LegalForm> | undefined {
  const hit = firstOf<LegalForm>(text, [
    [/\bcharitable incorporated organisation\b|\bCIO\b/, () => 'charitable-incorporated-organisation'],
    [/\bcommunity interest company\b|\bC\.I\.C\.?|\bCIC\b/i, () => 'community-interest-company'],
    [
      /\bcharitable company\b|\bcompany limited by guarantee\b[^.]{0,100}\bregistered charity\b|\bregistered charity\b[^.]{0,100}\bcompany limited by guarantee\b/i,
      () => 'charitable-company',
    ],
    [/\blimited by guarantee\b/i, () => 'company-limited-by-guarantee'],
    [/\blimited by shares\b|\bshareholding\b|\bshareholders?\b/i, () => 'company-limited-by-shares'],
    [
      /\bnot (?:a|an) (?:separate |formal |incorporated )?(?:legal (?:entity|body)|company)\b|\bunincorporated\b|\bno (?:formal |separate )?legal (?:entity|status|form)\b|\binformal (?:alliance|partnership|network|collaboration)\b/i,
      () => 'unincorporated',
    ],
    [
      /\b(?:partnership|strategic|education|improvement) board\b[^.]{0,80}\b(?:convened|hosted|chaired|set up|established|run|supported) by the (?:\w+ ){0,3}(?:council|local authority)\b|\b(?:council|local authority)\b[^.]{0,60}\b(?:convenes|hosts|chairs|established)\b[^.]{0,40}\bboard\b/i,
      () => 'council-board',
    ],
  ]);
  if (hit?.value === 'company-limited-by-guarantee' && ids.charity)
    return { ...hit, value: 'charitable-company' };
  return hit;
}

export function extractPartnershipType(text: string): Evidenced<PartnershipType> | undefined {
  return firstOf<PartnershipType>(text, [
    [
      new RegExp(
        String.raw`\bowned\s+(?:jointly\s+)?by\s+(?:its\s+|the\s+|our\s+)?(?:member\s+|local\s+)?schools\s+(?:and|&)\s+${COUNCIL_OR_LA}|\bjointly\s+owned\b|\bjoint\s+(?:venture|company|partnership)\s+(?:between|of)\s+(?:\w+\s+){0,3}schools\s+(?:and|&)\s+${COUNCIL_OR_LA}|\b(?:council|local authority)\s+(?:is|remains|as)\s+(?:a\s+)?(?:minority\s+)?(?:shareholder|member|co-owner)\b|\b\d{2}(?:%|\/\d{2})\b[^.]{0,80}\b(?:council|local authority)\b|\bschools\s+and\s+${COUNCIL_OR_LA}\s+(?:jointly|together)\b|\bjointly\s+(?:led|governed|run)\s+by\b`,
        'i',
      ),
      () => 'joint-with-la',
    ],
    [
      new RegExp(
        String.raw`\b(?:convened|co-?ordinated|led|chaired|run|hosted|facilitated|managed)\s+by\s+${COUNCIL_OR_LA}|\b(?:council|local authority)[\s-](?:led|convened|coordinated|co-ordinated|run)\b|\b(?:council|local authority)\s+(?:convenes|coordinates|co-ordinates|chairs|leads)\b`,
        'i',
      ),
      () => 'la-coordinated',
    ],
    [new RegExp(`${SCHOOL_LED}|${SCHOOL_OWNED}`, 'i'), () => 'schools-led'],
  ]);
}

const PHASE_TERMS: [Phase, RegExp][] = [
  ['early-years', /\bearly years\b|\bnurser(?:y|ies)\b|\bEYFS\b/i],
  ['primary', /\bprimary\b|\binfant\b|\bjunior schools?\b/i],
  ['secondary', /\bsecondary\b/i],
  ['special', /\bspecial schools?\b|\bspecial (?:and|&) |\bspecial,/i],
  ['alternative-provision', /\balternative provision\b|\bpupil referral units?\b|\bPRUs?\b/],
  ['post-16', /\bpost[\s-]16\b|\bsixth[\s-]forms?\b/i],
  ['all-through', /\ball[\s-]through\b/i],
];

export function extractPhases(text: string): Evidenced<Phase[]> | undefined {
  const phases: Phase[] = [];
  let first: RegExp | undefined;
  for (const [phase, re] of PHASE_TERMS) {
    if (re.test(text)) {
      phases.push(phase);
      first ??= re;
    }
  }
  if (!first) return undefined;
  return { value: phases, excerpt: excerptAround(text, first) };
}

const FOCUS_TERMS: [string, RegExp][] = [
  ['school improvement', /\bschool improvement\b/i],
  ['leadership development', /\bleadership(?: development| programmes?)?\b/i],
  ['professional development', /\bprofessional (?:development|learning)\b|\bCPD\b/],
  ['curriculum', /\bcurriculum\b/i],
  ['inclusion and SEND', /\binclusion\b|\bSEND\b|\bspecial educational needs\b/],
  ['attendance', /\battendance\b/i],
  ['reading and literacy', /\breading\b|\bliteracy\b|\boracy\b/i],
  ['mathematics', /\bmaths\b|\bmathematics\b|\bnumeracy\b/i],
  ['wellbeing and mental health', /\bwell-?being\b|\bmental health\b/i],
  ['governance', /\bgovernance\b|\bgovernors?\b/i],
  ['peer review', /\bpeer review\b/i],
  ['disadvantage', /\bdisadvantage(?:d)?\b|\bpupil premium\b/i],
  ['recruitment and retention', /\brecruitment\b|\bretention\b/i],
  ['early years', /\bearly years\b/i],
  ['transition', /\btransition\b/i],
  ['data and assessment', /\bassessment\b|\bmoderation\b/i],
];

export function extractFocusAreas(text: string): Evidenced<string[]> | undefined {
  const areas: string[] = [];
  let first: RegExp | undefined;
  for (const [label, re] of FOCUS_TERMS) {
    if (re.test(text)) {
      areas.push(label);
      first ??= re;
    }
  }
  if (!first) return undefined;
  return { value: areas, excerpt: excerptAround(text, first) };
}

/** "not", but not in a compound ("a not-for-profit company"). */
export const NEGATED = /\b(?:no longer|not(?![-‐‑])|never|ceased|stopped|withdrew|transferred|instead of)\b/i;

const RELATIONSHIP = new RegExp(
  String.raw`\b(?:commissioned|funded|jointly owned|owned|convened|hosted|chaired|supported|set up|established|founded|coordinated|co-ordinated|grant[\s-]funded)\s+(?:\w+\s+){0,2}by\s+[^.;,]{3,80}|\bin partnership with\s+${COUNCIL_OR_LA}|\bworks?\s+(?:closely\s+)?(?:with|alongside)\s+${COUNCIL_OR_LA}|\b(?:holds?|delivers?)\s+the\s+(?:council['’]s\s+)?(?:school improvement\s+)?contract\b`,
  'i',
);

/** How the text relates the LA to the partnership, in its own words, when it says so. */
export function extractRelationship(text: string): string | undefined {
  const m = RELATIONSHIP.exec(text);
  if (!m || !/council|local authority|\bLA\b|schools/i.test(m[0])) return undefined;
  return m[0].trim().slice(0, 160);
}
