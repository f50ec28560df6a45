import { splitSentences } from './text.ts';

const HEAD = `(?:Partnerships?|Alliance|Collaborative|Consortium|Consortia|Network|Collective|Compact|Trust|Hub|Family of Schools|Learning Community|(?:Schools['’]?|Education) Company|Cluster|Co-operative|Cooperative|Association|Learning|Research School|Opportunity Area|Education Investment Area|Federation|Services?|Group|Board|Forum|(?:Schools|Learning) Together|Community of Schools)`;
const WORD = String.raw`(?:St\.|[A-Z][\w'’-]*|&)`;
const CONNECTOR = String.raw`(?:\s+(?:of|for|and|the|in|on|upon|with|&)\s+|\s+|-)`;
/** "… Alliance for Excellence", "… Partnership for Excellence in Learning", "… Alliance of System Leaders". */
const TAIL = String.raw`(?:\s+(?:for|of|in)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Spring|Summer|Autumn|Winter)\b)[A-Z][\w'’-]+(?:\s+(?:in|and|of)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+){0,2})?`;
const PLACE_WORDS = String.raw`(?!(?:The|Our|This|Its|Their|Schools?|Partnership|Trust|Board)\b)[A-Z][\w'’-]+(?:\s+(?:and|with|upon|on)\s+[A-Z][\w'’-]+|\s+[A-Z][\w'’-]+)?`;
const NAME_RE = new RegExp(
  String.raw`\b(?:Learn(?:ing)?\s+${PLACE_WORDS}(?:\s+and\s+${PLACE_WORDS})?|[A-Z][\w'’-]+\s+for\s+Learning|${WORD}(?:${CONNECTOR}${WORD}){0,7}\s+${HEAD}${TAIL}|(?:Diocese|Diocesan Board of Education|Dioceses) of (?:[A-Z][\w'’-]+)(?:(?:\s+and\s+|\s+)[A-Z][\w'’-]+)?)\b`,
  'g',
);
const ENDS_IN_HEAD = new RegExp(String.raw`\s${HEAD}$`);
/**
 * A name the text itself defines as a partnership of schools, head noun or not: "Octant, the partnership of
 * the town's schools", "Octant is a school-led alliance of 40 schools".
 */
const DEFINED_RE = new RegExp(
  String.raw`\b(${WORD}(?:\s+${WORD}){0,3})(?:,\s+(?:the|a|an)|\s+(?:is|was|has become|became)\s+(?:the|a|an))\s+(?:[\w'’-]+\s+){0,3}?(?:partnership|alliance|collaborative|consortium)\s+(?:of|for|that|which|between|owned|led|run|set up|formed|bringing)\b[^.;]{0,60}?\b(?:schools|headteachers|academies)\b`,
  'g',
);

/** Words that start a phrase but not a name: determiners, prepositions, document and headline words. */
const LEADING_STOP =
  /^(?:The|A|An|Our|This|That|These|In|Under|With|Both|Each|Through|Its|Their|Contact|Visit|About|Join|Since|As|At|For|From|To|By|When|While|Where|Unlike|Like|Also|And|Or|But|All|New|See|Read|More|Find|Out|Local|Whilst|If|Many|Most|Some|How|Why|What|Who|Please|Today|Yesterday|Last|Next|Following|After|Before|Between|Council|Councillor|Cllr|Chair|Director|Members|Member|Letter|Appendix|Annex|Approve|Approved|Approval|Update|Updates|Report|Reports|Proposal|Proposals|Proposed|Minutes|Agenda|Item|Welcome|Introducing|Introduction|Launch|Launched|Launching|Review|Annual|Creation|Establishment|Formation|Establishing|Creating|Supporting|Support|Developing|Working|Meeting|Newsletter|Home|Page|Overview|Summary|Consultation|Decision|Draft|Final|Latest|News|Press|Release|Statement|Policy|Strategy|Plan|Business|Case|Full|Executive|Dear|Re|Subject|Title|Paper|Presentation|Briefing|Terms|Reference|Of|Via|Why|Become|Becoming|Joining|Leaving|Current|Former|Existing|Every|Any|Other|Such|First|Second|Third|Upcoming|Forthcoming|Recent|Recently|Key|Our|Your|My|His|Her|I|We|They|He|She|It)\s+/;
const GENERIC = new Set(
  'education educational schools school learning partnership partnerships alliance collaborative consortium consortia network collective compact trust hub improvement local area areas teaching research multi academy academies the of for and & in on with primary secondary special services service team federation board forum new national government council community family city county borough district regional our steering group groups executive strategic professional development programme leadership system leaders standards achievement excellence challenge headteacher headteachers head heads teacher teachers children young people families early years support pupil governors joint working cluster clusters locality all together sector led priority quality outcomes effectiveness inclusion english maths science reading curriculum subject networks hubs trusts boards forums'.split(
    ' ',
  ),
);

/** Words that may stand before a place inside a name ("Heart of …", "Greater …", "North …"). */
const PLACE_PREFIX =
  /^(?:(?:Heart|Diocese|Dioceses|Archdiocese|Diocesan|Board|Education|Bishop|University|City|County|Borough|Royal|Greater|North|South|East|West|Central|Inner|Outer|Mid|Upper|Lower|Vale|Isle|Forest|of|the|and|&)\s+)+$/;

/** "CEO of X", "Chair of the X": a role held in the body, not part of its name. */
const ROLE_OF =
  /^(?:CEO|Chief Executive|Chair|Chairman|Chairwoman|Vice[- ]Chair|Head|Director|Members?|Part|Friends|Leader|Manager|Co-?ordinator|Trustees?|Board|Work|Launch|Future|Role|Purpose|Vision|Aims?)\s+of\s+(?:the\s+)?/;

type FindPlaces = (text: string) => { index: number; text?: string }[];

function trimName(raw: string, places?: FindPlaces, minWords = 2): string | undefined {
  let name = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/['’]s?$/, '');
  // "RSA Riverton Schools Alliance": a leading acronym of the rest is an alias, not part of the name.
  const lead = /^([A-Z]{2,8})\s+(.+)$/.exec(name);
  if (
    lead?.[1] &&
    lead[2]
      ?.split(/\s+/)
      .filter((w) => /^[A-Z]/.test(w))
      .map((w) => w[0])
      .join('')
      .startsWith(lead[1].slice(0, 2))
  )
    name = lead[2];
  for (let i = 0; i < 6; i++) {
    const next = name.replace(LEADING_STOP, '').replace(LEADING_COUNT, (all, word: string) =>
      // "Three Riverton schools", "Two Learning Partnerships", but "Three Rivers Teaching School Hub".
      GENERIC.has(word.toLowerCase()) || places?.(name.slice(all.length - word.length))[0]?.index === 0
        ? word
        : all,
    );
    if (next === name) break;
    name = next;
  }
  // "Approve the X Partnership", "Update on the X Board": what follows a non-joining " the " is the name.
  const the = /^(.+?)\s+the\s+(.+)$/.exec(name);
  if (the?.[1] && the[2] && !/\b(?:of|for|and|in|on|upon|with)$/.test(the[1])) name = the[2];
  name = name.replace(ROLE_OF, '');
  const first = places?.(name)[0];
  const learn = /^(Learn(?:ing)?\s+)(.*)$/.exec(name);
  if (learn?.[1] && learn[2] !== undefined && places) {
    // "Learn Riverton", "Learning Northvale": the word after is a place, and the name ends with it.
    const [place, second] = places(learn[2]);
    if (place?.index !== 0) return undefined;
    let end = place.text?.length ?? learn[2].length;
    // "Learn Riverton and Northvale": a second place joined by "and" belongs to the name.
    if (second?.text && /^\s+(?:and|&)\s+$/.test(learn[2].slice(end, second.index)))
      end = second.index + second.text.length;
    name = `${learn[1]}${learn[2].slice(0, end)}`;
  } else if (first && first.index > 0 && !PLACE_PREFIX.test(name.slice(0, first.index))) {
    // "Foreword Riverton Education Partnership", "Development of Riverton …": a name starts at its place.
    name = name.slice(first.index);
  }
  if (/\b(?:19|20)\d{2}\b/.test(name)) return undefined;
  const words = name.split(/\s+/);
  if (words.length < minWords) return undefined;
  if (!/^[A-Z]/.test(name)) return undefined;
  return name;
}

const LEADING_COUNT = /^(?:Two|Three|Four|Five|Six)\s+(\S+)/;

/** "Foo Partnership and Bar Hub" is two names; "Brighton and Hove Careers Hub" is one. */
function splitJoined(raw: string): string[] {
  const parts = raw.split(/\s+(?:and|&)\s+/);
  for (let i = 1; i < parts.length; i++) {
    const left = parts.slice(0, i).join(' and ');
    const right = parts.slice(i).join(' and ');
    // "Riverton Learning and Community Partnership": a generic right part names nothing of its own.
    if (ENDS_IN_HEAD.test(left) && !isGenericName(right)) return [left, ...splitJoined(right)];
  }
  return [raw];
}

/** True when every word outside the joiners is generic: "Partnership Steering Group", "Professional Learning". */
export function isGenericName(name: string): boolean {
  return name.split(/\s+/).every((w) =>
    GENERIC.has(
      w
        .toLowerCase()
        .replace(/['’]s?$/, '')
        .replace(/[^a-z&]/g, ''),
    ),
  );
}

/**
 * Organisation-like names in the text (generic ones such as "School Improvement Board" included: the reader
 * decides what they refer to): capitalised phrases ending in a partnership-ish head noun ("… Education
 * Partnership", "… Teaching School Hub"), optionally with a "for/of …" tail, and "Learn X" / "X for Learning".
 * Each line is searched alone, so a name never runs across a line break.
 */
export function findOrganisationNames(text: string, places?: FindPlaces): string[] {
  const names = new Map<string, string>();
  for (const line of text.split('\n')) {
    NAME_RE.lastIndex = 0;
    for (let m = NAME_RE.exec(line); m !== null; m = NAME_RE.exec(line)) {
      for (const part of splitJoined(m[0])) {
        const name = trimName(part, places);
        if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
      }
    }
    for (const m of line.matchAll(DEFINED_RE)) {
      const name = m[1] ? trimName(m[1], places, 1) : undefined;
      const key = name?.toLowerCase();
      // The tail of a longer name found above ("… and Riverton Education Partnership") is not another body.
      if (!name || !key || isGenericName(name) || [...names.keys()].some((k) => k.includes(key))) continue;
      names.set(key, name);
    }
  }
  // "Foo Partnership Board" and "Foo Partnership" are one organisation; keep the shorter, drop contained duplicates.
  const list = [...names.values()];
  return list.filter(
    (n) =>
      !list.some(
        (other) =>
          other !== n &&
          other.length < n.length &&
          n.startsWith(other) &&
          /^\s+(?:Board|Team|Services?|Group|Ltd|Limited)$/.test(n.slice(other.length)),
      ),
  );
}

/** Acronyms the text gives a name: "Foo Schools Partnership (FSP)" or "FSP (Foo Schools Partnership)". */
export function acronymsFor(name: string, text: string): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out = new Set<string>();
  const initials = name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  const fits = (acr: string) => {
    const letters = acr.replace(/[^A-Z]/g, '');
    return letters.length >= 2 && letters[0] === initials[0] && letters.length <= initials.length + 2;
  };
  for (const m of text.matchAll(new RegExp(`${escaped}\\s*\\(([A-Z][A-Za-z&]{1,9})\\)`, 'g')))
    if (m[1] && fits(m[1])) out.add(m[1]);
  for (const m of text.matchAll(new RegExp(`\\b([A-Z][A-Za-z&]{1,9})\\s*\\((?:the\\s+)?${escaped}\\)`, 'g')))
    if (m[1] && fits(m[1])) out.add(m[1]);
  return [...out];
}

/** Former names the text gives: "Foo Partnership (formerly Bar Alliance)", "Foo Partnership, previously known as Bar". */
export function formerNamesFor(name: string, text: string): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const former = String.raw`(?:formerly|previously|once)\s+(?:known as\s+|called\s+)?(?:the\s+)?([A-Z][\w&'’-]*(?:\s+(?:of|for|and|in|&)?\s*[A-Z][\w&'’-]*){1,7})`;
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`${escaped}\\s*(?:\\(|,\\s*)${former}`, 'g')))
    if (m[1]) out.add(m[1].trim());
  return [...out];
}

// "Membership …" straight after a block naming an organisation is about that organisation's membership.
const ANAPHORA =
  /^(?:It|It['’]s|Its|They|Their|This|Membership|The (?:partnership|alliance|company|charity|organisation|trust|hub|collaborative|network|board|group|programme|service))\b/;

/**
 * The text about one named organisation among many: each block naming it (whole when short, like a list item
 * or table row, else its sentences naming it plus a following sentence that refers back), and the block after
 * a heading that names it.
 */
export function contextFor(name: string, blocks: readonly string[]): string {
  const lower = name.toLowerCase();
  const parts: string[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] ?? '';
    if (!block.toLowerCase().includes(lower)) continue;
    if (block.length <= 100 && block.length < name.length + 60) {
      parts.push(block);
      const next = blocks[i + 1];
      if (next && !next.toLowerCase().includes(lower)) parts.push(next);
      continue;
    }
    const next = blocks[i + 1];
    const follows = next && ANAPHORA.test(next) && !next.toLowerCase().includes(lower) ? [next] : [];
    if (block.length <= 260) {
      parts.push(block, ...follows);
      continue;
    }
    const sentences = splitSentences(block);
    for (let j = 0; j < sentences.length; j++) {
      const s = sentences[j] ?? '';
      if (!s.toLowerCase().includes(lower)) continue;
      parts.push(s);
      const after = sentences[j + 1];
      if (after && ANAPHORA.test(after)) parts.push(after);
    }
    parts.push(...follows);
  }
  return [...new Set(parts)].join(' ');
}
