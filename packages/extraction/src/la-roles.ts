import type { LaRole } from '@abep/schemas';
import { NEGATED } from './fields.ts';
import type { Places } from './places.ts';
import { COUNCIL } from './rules/council-phrase.ts';
import { LA_ROLE_RULES } from './rules/la-roles.ts';
import { excerptAround } from './text.ts';

export interface LaRoleStatement {
  laCode: string;
  role: LaRole;
  rule: string;
  excerpt: string;
}

const COUNCIL_RE = new RegExp(COUNCIL);
const COUNCIL_WORD = /\b(?:councils?|authorit(?:y|ies)|LA|LEA|Cabinet|county|borough|city)\b/i;
/** A role statement is about schools: a sentence with none of these words is about some other service. */
const SCHOOLS_TOPIC =
  /\b(?:schools?|education(?:al)?|pupils|headteachers?|head teachers|academies|standards|attainment|learning)\b/i;
/** On a page about schools, a sentence about "the partnership", "the LEA" or an inspection is about schools too. */
const BODY_TOPIC =
  /\b(?:partnership|alliance|board|collaborative|consortium|LEA|local education authority|Ofsted|inspectors?|inspection|intervention|programme|children['’]s services|children and young people|(?:sector|system|school)[\s-]led)\b/i;
/** A councillor or council officer quoted in the sentence (or the one before) speaks for the council: "our team". */
const COUNCIL_SPEAKER =
  /\b(?:Cllr|Councillor|cabinet member|portfolio holder|(?:council|executive) leader|leader of the council|director of (?:children['’]s services|education|learning|schools)|head of (?:school improvement|education|school effectiveness))\b|\b(?:manager|officer|director|head|lead|adviser|advisor|spokes(?:person|man|woman))\b[^.;“”"]{0,80}?\b(?:at|of|for)\s+(?:the\s+)?(?:[A-Z][\w'’&-]*\s+){1,4}(?:City\s+|County\s+|Borough\s+)?Council\b|\b(?:[A-Z][\w'’&-]*\s+){1,4}(?:City\s+|County\s+|Borough\s+)?Council['’]s\s+(?:[\w-]+\s+){0,3}?(?:director|officer|manager|head|lead|spokes(?:person|man|woman))\b|\b(?:[A-Z][\w'’&-]*\s+){1,4}(?:City\s+|County\s+|Borough\s+)?Council\s+(?:spokes(?:person|man|woman)|officer|director|leader|cabinet member)\b/i;
/** Council services to schools that are not school improvement: a statement about one of these states no role. */
const OTHER_SERVICE =
  /\b(?:transport|meals?|catering|lunch(?:es)?|admissions?|school places|place planning|buildings|capital|estates?|repairs|crossing patrols?|term dates|holidays|energy|uniforms?|payroll|insurance|broadband|cleaning|reopen\w*|closures?|closed|snow|floods?)\b/i;
const IMPROVEMENT_TOPIC =
  /\b(?:school improvement|improv\w+|standards|attainment|achievement|outcomes|progress|leadership|teaching|ofsted|inspect\w*|challeng\w*|intervention|partnership|alliance|board|governance|effectiveness|quality)\b/i;
/** "Department for Education" names education, not a topic of the sentence. */
const withoutDfE = (s: string) => s.replace(/\bDepartment for Education\b/g, '');
const HEDGED = /\b(?:could|might|may)\s+(?:\w+\s+){0,2}$/i;
const PLURAL = /\b(?:councils|authorities)\b/i;
/** "the two authorities", "both councils": as many LAs as the count says, named in the sentences before. */
const COUNTED = /\b(?:two|both|three|four|five)\b/i;
const COUNT_OF: Record<string, number> = { two: 2, both: 2, three: 3, four: 4, five: 5 };
const OPEN_QUOTE = /“/g;
const CLOSE_QUOTE = /”/g;

/**
 * Sentences spoken by a council speaker (the one naming them, its neighbours, and the rest of a quotation they
 * open), each with the LA the speaker is introduced as speaking for when the introduction names exactly one
 * ("a Riverton City Council spokeswoman"); an empty list when it names none (the page's LA speaks).
 */
function councilSpoken(sentences: readonly string[], places: Places): (string[] | undefined)[] {
  const spoken: (string[] | undefined)[] = sentences.map(() => undefined);
  let quoteOpen = false;
  let speakerQuoted = false;
  let speakerLas: string[] = [];
  for (const [i, sentence] of sentences.entries()) {
    const speaker = COUNCIL_SPEAKER.exec(sentence);
    if (speaker) {
      const around = sentence.slice(Math.max(0, speaker.index - 60), speaker.index + speaker[0].length + 60);
      const named = [...new Set(places.find(around).flatMap((p) => p.laCodes))];
      speakerLas = named.length === 1 ? named : [];
      for (const j of [i - 1, i, i + 1]) if (j >= 0 && j < spoken.length) spoken[j] ??= speakerLas;
    }
    if (speakerQuoted && (quoteOpen || sentence.trimStart().startsWith('“'))) spoken[i] ??= speakerLas;
    const opens = sentence.match(OPEN_QUOTE)?.length ?? 0;
    const closes = sentence.match(CLOSE_QUOTE)?.length ?? 0;
    if (opens !== closes) quoteOpen = opens > closes;
    if (speaker && opens > 0) speakerQuoted = true;
    else if (!quoteOpen && !sentence.trimStart().startsWith('“') && !speaker) speakerQuoted = false;
  }
  return spoken;
}

/** The LAs a counted plural ("the two councils") refers back to: the latest distinct ones in the sentences before. */
function namedBefore(sentences: readonly string[], i: number, places: Places, count: number): string[] {
  const found: string[] = [];
  for (let j = i; j >= Math.max(0, i - 3) && found.length < count; j--) {
    const codes = places.find(sentences[j] ?? '').flatMap((p) => p.laCodes);
    for (const code of [...new Set(codes)].reverse()) if (!found.includes(code)) found.push(code);
  }
  return found.length === count ? found : [];
}

const compiled = LA_ROLE_RULES.map((rule) => ({
  rule,
  re: new RegExp(rule.pattern.replaceAll('{COUNCIL}', COUNCIL), rule.flags ?? 'i'),
}));

/** A council's own document (a strategy, a committee report) copied onto a document site: the council speaks in it. */
const COUNCIL_DOCUMENT =
  /\b(?:(?:education|school improvement|school effectiveness|learning|schools?|partnership|commissioning)\s+(?:strategy|policy|framework|plan)|(?:council|local authority|cabinet|scrutiny)\s+(?:report|strategy|plan|paper))\b/i;
const GOV_HOST = /\b(?:[a-z0-9-]+\.)+gov\.uk\b/gi;

/**
 * A council's document on a document site: its title says so, or its opening lines give a council's own web
 * address (a cover page's "www.riverton.gov.uk").
 */
export function isCouncilDocument(title: string, text: string, places: Places): boolean {
  if (COUNCIL_DOCUMENT.test(title)) return true;
  const opening = text.slice(0, 600);
  return [...opening.matchAll(GOV_HOST)].some((m) => places.laOfHost(m[0]) !== undefined);
}

/**
 * LA roles stated in sentences, each attributed to the LA the sentence names in its council phrase ("Riverton
 * Council"), to every LA listed when it speaks of several councils, to the one LA it names, or else to the
 * page's LA. A sentence with no council in it states no LA role (on a council's own page, or in a councillor's
 * words, some rules let the council speak for itself); a sentence not about schools states none either; negated statements are skipped.
 */
export function readLaRoles(
  sentences: readonly string[],
  places: Places,
  pageLaCodes: readonly string[],
  councilPage = false,
): LaRoleStatement[] {
  const out = new Map<string, LaRoleStatement>();
  const schoolsPage = sentences.filter((s) => SCHOOLS_TOPIC.test(s)).length >= 2;
  const spoken = councilSpoken(sentences, places);
  for (const [i, sentence] of sentences.entries()) {
    if (sentence.length > 1500) continue;
    const speakerLas = councilPage ? [] : (spoken[i] ?? []);
    const speakingLas = speakerLas.length > 0 ? speakerLas : pageLaCodes;
    const councilSpeaks = speakingLas.length > 0 && (councilPage || spoken[i] !== undefined);
    const topical = withoutDfE(sentence);
    const previous = withoutDfE(sentences[i - 1] ?? '');
    if (
      !SCHOOLS_TOPIC.test(topical) &&
      !(schoolsPage && (BODY_TOPIC.test(topical) || SCHOOLS_TOPIC.test(previous)))
    )
      continue;
    const namesCouncil = COUNCIL_RE.test(sentence);
    const excluded = new Set(
      compiled.flatMap(({ rule, re }) => (rule.excludes && re.test(sentence) ? rule.excludes : [])),
    );
    for (const { rule, re } of compiled) {
      if (excluded.has(rule.label)) continue;
      if (!namesCouncil && !(rule.ownPageSpeaks && councilSpeaks)) continue;
      const m = re.exec(sentence);
      if (!m) continue;
      const before = sentence.slice(Math.max(0, m.index - 40), m.index + m[0].length);
      if (!rule.statesAnEnd && NEGATED.test(before)) continue;
      // "could be jointly funded by the council": a possibility, not a role.
      if (HEDGED.test(sentence.slice(Math.max(0, m.index - 30), m.index))) continue;
      const about = sentence.slice(m.index, m.index + m[0].length + 60);
      if (OTHER_SERVICE.test(about) && !IMPROVEMENT_TOPIC.test(sentence)) continue;
      const inMatch = places.find(m[0]).flatMap((p) => p.laCodes);
      // "Riverton's advisory team" names a council only when Riverton is a place ("Ofsted's" is not).
      const phrase = COUNCIL_RE.exec(m[0])?.[0];
      if (phrase && !COUNCIL_WORD.test(phrase) && inMatch.length === 0) continue;
      const inSentence = places.find(sentence).flatMap((p) => p.laCodes);
      const distinct = [...new Set(inSentence)];
      const counted = PLURAL.test(m[0]) ? COUNTED.exec(m[0])?.[0].toLowerCase() : undefined;
      const las =
        inMatch.length > 0
          ? inMatch
          : PLURAL.test(m[0]) && distinct.length > 1
            ? distinct
            : counted
              ? namedBefore(sentences, i, places, COUNT_OF[counted] ?? 0)
              : distinct.length === 1
                ? distinct
                : speakingLas;
      for (const laCode of las) {
        const key = `${laCode}:${rule.label}`;
        if (!out.has(key))
          out.set(key, { laCode, role: rule.label, rule: rule.id, excerpt: excerptAround(sentence, m[0]) });
      }
    }
  }
  return [...out.values()];
}
