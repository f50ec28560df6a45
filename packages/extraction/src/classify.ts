import type { LookalikeType } from '@abep/schemas';
import { SCHOOL_LED, SCHOOL_OWNED } from './cues.ts';
import { COUNT } from './number-words.ts';

export type Decision = 'abep' | 'lookalike' | 'unclear';

export interface Classification {
  decision: Decision;
  lookalikeType?: LookalikeType;
  /** The cues that fired, for audit: "name: 'Teaching School Hub'; context: 'school-led'". */
  reason: string;
  score: number;
}

export interface ClassifyInput {
  name: string;
  /** Sentences about the organisation: on its own site its self-description, elsewhere the sentences naming it. */
  context: string;
  /** Wider text that may add positive cues but never makes a look-alike (the page lead, the rest of an own site). */
  background?: string;
}

interface NegativeRule {
  type: LookalikeType;
  label: string;
  name?: RegExp;
  context?: RegExp;
  /** Both name and context must match. */
  both?: boolean;
}

const SELF = String.raw`(?:(?:\bis|\bare|\bwas|\bas|\bbecame|\bbecome|\boperates as)\s+(?:now\s+)?|[,|–—(]\s*)(?:a|an|A|An|one of (?:the|\d+|[a-z]+))\s+(?:[\w'’-]+\s+){0,4}?`;

/** Ordered: the first rule that fires names the look-alike type. */
const NEGATIVE_RULES: NegativeRule[] = [
  { type: 'teaching-school-hub', label: 'teaching school hub', name: /\bteaching school hubs?\b|\bTSH\b/i },
  {
    type: 'teaching-school-hub',
    label: 'designated teaching school hub',
    context: new RegExp(
      `${SELF}teaching school hubs?\\b|designated (?:as )?(?:a |the )?teaching school hub|\\bteaching school hub\\s*[-–—:]\\s*[A-Z]`,
      'i',
    ),
  },
  { type: 'maths-hub', label: 'maths hub', name: /\bmaths? hubs?\b/i },
  {
    type: 'maths-hub',
    label: 'maths hub (self-described)',
    context: new RegExp(`${SELF}maths hubs?\\b`, 'i'),
  },
  { type: 'research-school', label: 'research school', name: /\bresearch schools?\b/i },
  {
    type: 'research-school',
    label: 'research school (self-described)',
    context: new RegExp(`${SELF}research schools?\\b`, 'i'),
  },
  {
    type: 'bsf-local-education-partnership',
    label: 'Building Schools for the Future',
    context: /\b[Bb]uilding [Ss]chools [Ff]or [Tt]he [Ff]uture\b|\bBSF\b/,
  },
  {
    type: 'bsf-local-education-partnership',
    label: 'Local Education Partnership with construction cues',
    name: /\blocal education partnership\b|\bLEP\b/,
    context:
      /\b(?:construction|rebuild|refurbish\w*|PFI|private finance|joint venture|design and build|estates?|capital programme|new school buildings?)\b/i,
    both: true,
  },
  { type: 'diocese', label: 'diocese', name: /\bdioceses?\b|\bdiocesan\b|\bboard of education\b/i },
  {
    type: 'diocese',
    label: 'partnership of one denomination’s schools',
    name: /\b(?:catholic|church of england|C of E|CE|anglican|methodist|jewish|muslim|faith|church)\b/i,
  },
  {
    type: 'national-programme',
    label: 'national programme',
    name: /\bopportunity areas?\b|\beducation investment areas?\b|\bpriority education investment\b|\bnational (?:programme|initiative)\b|\bexcellence in cities\b|\beducation action zones?\b|\bEAZ\b/i,
  },
  {
    type: 'national-programme',
    label: 'hub of a national subject or practice network',
    name: /\b(?:English|computing|behaviour|attendance|stronger practice|languages?|curriculum|science learning|reading|phonics)\s+hubs?\b/i,
  },
  {
    type: 'national-programme',
    label: 'national programme (self-described)',
    context: new RegExp(
      `${SELF}(?:opportunity areas?|education investment areas?|national programmes?|government programmes?|DfE programmes?|department for education programmes?)\\b`,
      'i',
    ),
  },
  {
    type: 'independent-state-partnership',
    label: 'independent–state school partnership',
    name: /\bindependent[\s–-]+(?:and[\s–-]+)?state\b|\bISSP\b/i,
  },
  {
    type: 'independent-state-partnership',
    label: 'independent–state school partnership (context)',
    context:
      /\bindependent[\s–-]+state school partnerships?\b|\bindependent (?:and|&) state schools? partnerships?\b|\b(?:[a-z]+\s+)?state and (?:[a-z]+\s+)?independent(?:\s+schools)?\b|\bindependent and (?:[a-z]+\s+)?state schools\b|\bindependent schools? (?:and|&) (?:local )?state schools? (?:working|work) together\b/i,
  },
  {
    type: 'fe-college-group',
    label: 'FE college group',
    name: /\bcolleges?\s+group\b|\bfurther education\b|^(?!.*\bschools?\b).*\bcolleges\b/i,
  },
  {
    type: 'fe-college-group',
    label: 'FE college group (self-described)',
    context: new RegExp(`${SELF}(?:further education|FE) (?:college|colleges|college group|group)\\b`, 'i'),
  },
  {
    type: 'council-traded-company',
    label: 'council-owned traded company',
    context:
      /\b(?:wholly|fully|100%)[\s-]owned\s+(?:subsidiary\s+)?(?:by|of)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:city\s+|county\s+|borough\s+)?(?:council|local authority)\b|\blocal authority trading company\b|\bLATC\b|\bcouncil[\s-]owned\s+(?:\w+\s+){0,2}compan(?:y|ies)\b|\bteckal\b|\btraded services? (?:arm|company|business)\b/i,
  },
  {
    type: 'multi-academy-trust',
    label: 'academy trust',
    name: /\b(?:multi[\s-]academy trust|academy trust|academies trust|MAT)\b/i,
  },
  {
    type: 'multi-academy-trust',
    label: 'multi-academy trust (self-described)',
    context: new RegExp(
      `${SELF}(?:multi[\\s-]academy trust|academy trust|MAT|trust (?:of|with|running) (?:${COUNT} )?(?:[a-z-]+ ){0,2}?academies)\\b|\\b(?:our|its|the trust['’]s)\\s+(?:\\d+\\s+|[a-z]+\\s+)?(?:primary\\s+|secondary\\s+)?academies\\b|\\bacademies (?:with)?in (?:the|our) trust\\b|\\bjoin(?:ed|ing)? (?:the|our) trust\\b`,
      'i',
    ),
  },
  {
    type: 'multi-academy-trust',
    label: 'trust with academies',
    name: /\btrust\b/i,
    context: /\bacadem(?:y|ies)\b/i,
    both: true,
  },
  {
    type: 'council-service',
    label: 'council service or team',
    name: /\b(?:service|services|team|department|directorate|unit|advisory service)$/i,
  },
  {
    type: 'council-service',
    label: 'part of the council (self-described)',
    context:
      /\b(?:is|are)\s+(?:part of|a service (?:of|within)|a team (?:of|within)|within)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}(?:council|local authority)(?:['’]s)?\b(?!\s+and)/,
  },
  {
    type: 'sport-culture-skills-partnership',
    label: 'sport, cultural or skills partnership',
    name: /\b(?:sports?|PE|physical activity|cultural|culture|arts?|music|heritage|careers|skills|employment|employability|enterprise|STEM|science|museums?|libraries|creative)\b/i,
  },
  {
    type: 'sport-culture-skills-partnership',
    label: 'sport, cultural or skills remit (self-described)',
    context: new RegExp(
      `${SELF}(?:school sports? partnership|cultural education partnership|music (?:education )?hub|careers hub|skills partnership|local cultural education partnership)\\b`,
      'i',
    ),
  },
  {
    type: 'other',
    label: 'teaching school alliance',
    name: /\bteaching schools?\s+(?:alliance|partnership|network)s?\b|\bTSA\b|\bteaching (?:alliance|partnership)\b/i,
  },
  {
    type: 'other',
    label: 'teaching school alliance (self-described)',
    context: new RegExp(
      `${SELF}teaching schools? alliances?\\b|\\bwith (?:the\\s+)?[A-Z][\\w'’-]*(?:\\s+[A-Z][\\w'’-]*){0,4} as (?:the|its|our) lead school\\b|\\b(?:is|are) (?:a|an|the) (?:[\\w-]+ ){0,2}teaching school\\b|designated (?:as )?(?:a |an )?(?:national )?teaching school\\b(?!\\s+hubs?)[^.]{0,60}\\bour alliance\\b`,
      'i',
    ),
  },
  { type: 'other', label: 'federation of schools', name: /\bfederation\b/i },
  {
    type: 'other',
    label: 'consultancy (engaged by clients)',
    context: new RegExp(
      `\\b(?:were|was|been|are|is)\\s+engaged\\s+by\\b|\\bwe\\s+(?:made|make|put forward)\\s+recommendations\\b|${SELF}(?:[\\w-]+ ){0,2}?(?:consultancy|consultants|consulting (?:firm|company))\\b`,
      'i',
    ),
  },
  {
    type: 'council-service',
    label: 'statutory or parent forum',
    name: /\bschools['’]? forum\b|\bparent(?:s|\s+carers?)?['’]? (?:carer )?forum\b|\bparent carer\b/i,
  },
  { type: 'other', label: 'commission or task group', name: /\b(?:commission|task group|task force)\b/i },
  {
    type: 'other',
    label: 'civic strategic partnership',
    name: /^(?!.*\b(?:education|schools?|learning|improvement|headteachers?)\b).*\bstrategic partnership\b/i,
  },
  {
    type: 'other',
    label: 'civic, safeguarding or children’s services partnership',
    name: /\b(?:safeguarding|community safety|early help|family hubs?|youth|children['’]?s trust|children['’]?s services|children and young people['’]?s|health|housing|economic)\b/i,
  },
  {
    type: 'other',
    label: 'teacher training, early years, post-16 or adult learning partnership',
    name: /\b(?:SCITT|teacher training|initial teacher (?:training|education)|ITT|ITE|school direct|early years|childcare|post[\s-]16|14[\s–-]19|16[\s–-]19|sixth form|adult (?:learning|education)|community learning|lifelong learning)\b/i,
  },
  {
    type: 'sport-culture-skills-partnership',
    label: 'education–business partnership',
    name: /\beducation[\s-]business\b|\bEBP\b/i,
  },
  {
    type: 'inclusion-only-partnership',
    label: 'inclusion-only partnership',
    name: /\b(?:inclusion|SEND|SENCOs?|SEMH|behaviour|fair access|alternative provision|PRUs?|exclusions?|attendance|virtual school|mental health|wellbeing)\b/i,
  },
];

interface PositiveCue {
  label: string;
  weight: number;
  name?: RegExp;
  context?: RegExp;
}

const POSITIVE_CUES: PositiveCue[] = [
  {
    label: 'education/schools partnership name',
    weight: 2,
    name: /\b(?:education|educational|schools?|learning|school improvement|headteachers['’]?)\s+(?:partnership|alliance|collaborative|network|consortium|collective|compact)\b|\b(?:school improvement|education improvement|school standards)\s+board\b|\b(?:schools|learning)\s+together\b|\bfamily of schools\b|\blearning community\b|\bschools['’]?\s+(?:cluster|company|co-?operative)\b/i,
  },
  { label: 'partnership name', weight: 1, name: /\b(?:partnership|alliance|collaborative|consortium)\b/i },
  {
    label: 'Learn/Learning place name',
    weight: 1,
    name: /^Learn\s+[A-Z]|^[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s+Learning$/,
  },
  {
    label: 'school-led',
    weight: 2,
    context: new RegExp(
      String.raw`${SCHOOL_LED}|\b(?:set up|founded|established|formed|created|started) by (?:its |local |the )?(?:[A-Z][\w'’-]+ )?(?:headteachers|head teachers|school leaders)\b|\b(?:headteachers|head teachers|school leaders) (?:set up|founded|established|formed|created|started)\b`,
      'i',
    ),
  },
  {
    label: 'owned by schools',
    weight: 2,
    context: new RegExp(SCHOOL_OWNED, 'i'),
  },
  {
    label: 'school improvement',
    weight: 1,
    context:
      /\bschool improvement\b|\bimproving (?:outcomes|schools|education)\b|\bschool-to-school support\b|\brais(?:e|es|ing) (?:standards|attainment|achievement)\b/i,
  },
  {
    label: 'all schools in the area',
    weight: 1,
    context:
      /\ball (?:\d+ |of the |our )?(?:local |maintained |state[\s-]funded )?(?:schools|academies|settings)(?: and academies)? (?:in|across|throughout)\b|\bevery (?:local |maintained |state[\s-]funded )?(?:school|academy|setting)(?: and academy)? (?:in|across|throughout)\b|\b\d{1,3}% of (?:local |the (?:city|borough|county)['’]s )?schools\b/i,
  },
  {
    label: 'member schools',
    weight: 1,
    context:
      /\bmember schools\b|\b\d{1,4} (?:schools|academies) (?:are|have (?:become|joined))\b|\bschools (?:are|become) members\b|\bmembership\b/i,
  },
  {
    label: 'a partnership of schools',
    weight: 1,
    context:
      /\b(?:partnership|alliance|collaborative|consortium) (?:of|between) (?:(?:all|the|its|\d+|[a-z]+ty|[a-z]+)\s+){0,3}?(?:schools|headteachers|academies)\b/i,
  },
  {
    label: 'peer review / collaboration between schools',
    weight: 1,
    context:
      /\bpeer review\b|\bschool[\s-]to[\s-]school\b|\bschools working together\b|\bcollaboration between schools\b/i,
  },
  {
    label: 'governed by school leaders',
    weight: 1,
    context:
      /\b(?:board|directors|trustees|governing body)\s+(?:\w+\s+){0,2}(?:includes?|comprises?|is made up of|consists? of|are)\s+(?:\w+\s+){0,3}?(?:headteachers|head teachers|school leaders)\b/i,
  },
  {
    label: 'place-based',
    weight: 1,
    context:
      /\bplace[\s-]based\b|\barea[\s-]based\b|\b(?:schools|headteachers) (?:in|across) the (?:borough|city|county|district|town)\b/i,
  },
];

function quote(re: RegExp, text: string): string | undefined {
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/**
 * Decides whether an organisation is an area-based education partnership, by explainable rules:
 * a look-alike cue (by name, or by the organisation's self-description) wins and names the type;
 * otherwise positive cues are scored and ≥ 3 is an ABEP, 1–2 unclear, 0 not one (unclear, reason says so).
 */
export function classifyPartnership(input: ClassifyInput): Classification {
  const { name, context } = input;
  const wide = input.background ? `${context}\n${input.background}` : context;
  for (const rule of NEGATIVE_RULES) {
    const byName = rule.name ? quote(rule.name, name) : undefined;
    const byContext = rule.context ? quote(rule.context, context) : undefined;
    const fired = rule.both
      ? byName !== undefined && byContext !== undefined
      : byName !== undefined || byContext !== undefined;
    if (!fired) continue;
    const parts = [byName ? `name: '${byName}'` : '', byContext ? `context: '${byContext}'` : ''].filter(
      Boolean,
    );
    return {
      decision: 'lookalike',
      lookalikeType: rule.type,
      reason: `look-alike (${rule.label}) — ${parts.join('; ')}`,
      score: 0,
    };
  }
  let score = 0;
  const hits: string[] = [];
  let namedAsPartnership = false;
  for (const cue of POSITIVE_CUES) {
    const hit = (cue.name && quote(cue.name, name)) || (cue.context && quote(cue.context, wide));
    if (!hit) continue;
    if (cue.name) {
      if (namedAsPartnership) continue; // name cues do not stack
      namedAsPartnership = true;
    }
    score += cue.weight;
    hits.push(`${cue.label} ('${hit}')`);
  }
  if (score >= 3) return { decision: 'abep', reason: `ABEP cues: ${hits.join(', ')}`, score };
  if (score > 0) return { decision: 'unclear', reason: `too few ABEP cues: ${hits.join(', ')}`, score };
  return { decision: 'unclear', reason: 'no ABEP or look-alike cues', score };
}
