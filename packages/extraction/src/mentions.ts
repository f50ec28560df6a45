import { normaliseSpace, splitSentences } from './text.ts';

const HEAD = `(?:Partnerships?|Alliance|Collaborative|Consortium|Network|Collective|Compact|Trust|Hub|Learning|Research School|Opportunity Area|Education Investment Area|Federation|Service|Group|Board|(?:Schools|Learning) Together)`;
const WORD = String.raw`(?:[A-Z][\w'’.-]*|&)`;
const CONNECTOR = String.raw`(?:\s+(?:of|for|and|the|in|on|upon|&)\s+|\s+|-)`;
const LEARN_PLACE = String.raw`(?!(?:The|Our|This|Its|Their)\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?`;
const NAME_RE = new RegExp(
  String.raw`\b(?:Learn\s+${LEARN_PLACE}(?:\s+and\s+${LEARN_PLACE})?|(?:Diocese|Diocesan Board of Education|Dioceses) of (?:[A-Z][\w'’-]+)(?:(?:\s+and\s+|\s+)[A-Z][\w'’-]+)?|${WORD}(?:${CONNECTOR}${WORD}){0,7}\s+${HEAD})\b`,
  'g',
);
const ENDS_IN_HEAD = new RegExp(String.raw`\s${HEAD}$`);

const LEADING_STOP =
  /^(?:The|A|An|Our|This|That|These|In|Under|With|Both|Each|Through|Its|Their|Contact|Visit|About|Join|Since|As|At|For|From|To|By|When|While|Where|Unlike|Like|Also|And|Or|But|All|New|See|Read|More|Find|Out|Local|Whilst|If|Many|Most|Some|How|Why|What|Who|Please|Today|Yesterday|Last|Next|Following|After|Before|Between|Schools|Headteachers|Council|Councillor|Cllr|Chair|Director|Members|Member)\s+/;
const GENERIC = new Set(
  'education educational schools school learning partnership partnerships alliance collaborative consortium network collective compact trust hub improvement local area teaching research multi academy academies the of for and & in on primary secondary services service team federation board new national government council community family city county borough district regional our'.split(
    ' ',
  ),
);

function trimName(raw: string): string | undefined {
  let name = normaliseSpace(raw).replace(/['’]s$/, '');
  for (let i = 0; i < 4; i++) {
    const next = name.replace(LEADING_STOP, '');
    if (next === name) break;
    name = next;
  }
  const words = name.split(/\s+/);
  if (words.length < 2) return undefined;
  if (words.every((w) => GENERIC.has(w.toLowerCase()))) return undefined;
  if (!/^[A-Z]/.test(name)) return undefined;
  return name;
}

/** "Foo Partnership and Bar Hub" is two names; "Brighton and Hove Careers Hub" is one. */
function splitJoined(raw: string): string[] {
  const parts = raw.split(/\s+(?:and|&)\s+/);
  for (let i = 1; i < parts.length; i++) {
    const left = parts.slice(0, i).join(' and ');
    if (ENDS_IN_HEAD.test(left)) return [left, ...splitJoined(parts.slice(i).join(' and '))];
  }
  return [raw];
}

/** Organisation-like names in the text that end in a partnership-ish head noun ("… Education Partnership", "… Teaching School Hub"). */
export function findOrganisationNames(text: string): string[] {
  const names = new Map<string, string>();
  for (const line of text.split('\n')) {
    NAME_RE.lastIndex = 0;
    for (let m = NAME_RE.exec(line); m !== null; m = NAME_RE.exec(line)) {
      for (const part of splitJoined(m[0])) {
        const name = trimName(part);
        if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
      }
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
          /^\s+(?:Board|Team|Services?)$/.test(n.slice(other.length)),
      ),
  );
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
