import { clip, excerptAround } from './text.ts';

/** What the reader needs of an analysed page (AnalysedPage has it all). */
export interface MemberSchoolsPage {
  /** Readable blocks in page order; a table row is its cells joined with " | ". */
  blocks: readonly string[];
  sentences: readonly string[];
  title?: string;
  heading?: string;
}

/** A member school as the page writes it, with the words it was read from. */
export interface MemberSchoolMention {
  name: string;
  excerpt: string;
}

/** A heading that opens a member list: "Our schools", "Member schools", "Our members", "Schools in the partnership". */
const LIST_CUE =
  /^(?:our\s+(?:member\s+|partner\s+)?schools|(?:our\s+)?members(?:hip)?|(?:our\s+)?member\s+schools|partner\s+schools|(?:the\s+)?schools\s+in\s+(?:the|our)\s+(?:partnership|alliance|collaborative|network|trust)|participating\s+schools|who\s+we\s+are|our\s+family\s+of\s+schools)\b[\s:!.]*$/i;
const TITLE_CUE =
  /\b(?:our\s+(?:member\s+)?schools|member\s+schools|our\s+members|members|membership|partner\s+schools|participating\s+schools)\b/i;

/** Words that end (or make) a school's name. */
const SCHOOL_WORD =
  /\b(?:school|academy|primary|infants?|juniors?|junior and infant|nursery|college|high|grammar|c\.?\s?of\s?e|ce|rc|catholic|federation|first|middle)\b\.?$/i;
const NAME_CHARS = /^[A-Z0-9][A-Za-z0-9'’.&(),\- ]+$/;
/** Sentences that speak of members: prose lists are read only there. */
const MEMBER_PROSE =
  /\b(?:members?|member schools|partnership of|alliance of|made up of|comprises|comprising|consists of|brings together|including|includes|include|schools? (?:are|is)|join(?:ed)?)\b/i;
/** Lower-case words a school name may contain ("Church of England", "upon", "le"). */
const CONNECTOR = new Set(['of', 'and', '&', 'the', 'upon', 'on', 'in', 'le', 'la', 'de', 'with', 'under']);

function looksLikeSchool(text: string): boolean {
  const t = text.trim();
  return (
    t.length >= 4 &&
    t.length <= 90 &&
    t.split(/\s+/).length >= 2 &&
    t.split(/\s+/).length <= 12 &&
    NAME_CHARS.test(t) &&
    !/[.!?]$/.test(t.replace(/\b(?:St|C\.E|R\.C|C of E)\.$/, '')) &&
    SCHOOL_WORD.test(t)
  );
}

/** The trailing run of capitalised words (with connectors inside it): "Members include Ash" → "Ash". */
function trailingName(text: string): string {
  const words = text.trim().split(/\s+/);
  let start = words.length;
  while (start > 0) {
    const w = words[start - 1] as string;
    if (/^[A-Z0-9'’(]/.test(w) || (CONNECTOR.has(w) && start < words.length)) start--;
    else break;
  }
  while (start < words.length && CONNECTOR.has(words[start] as string)) start++;
  return words.slice(start).join(' ');
}

function fromLists(page: MemberSchoolsPage): MemberSchoolMention[] {
  const found: MemberSchoolMention[] = [];
  const wholePage = [page.title, page.heading].some((t) => t && TITLE_CUE.test(t));
  let cue: string | undefined = wholePage ? (page.heading ?? page.title) : undefined;
  let gap = 0;
  for (const block of page.blocks) {
    const text = block.trim();
    if (LIST_CUE.test(text)) {
      cue = text;
      gap = 0;
      continue;
    }
    if (!cue) continue;
    // A table row: the first cell that is a school's name.
    const cells = text.includes(' | ') ? text.split(' | ') : [text];
    const name = cells.map((c) => c.trim()).find(looksLikeSchool);
    if (name) {
      found.push({ name, excerpt: clip(`${cue}: ${text}`) });
      gap = 0;
    } else if (found.length > 0 && !wholePage && ++gap > 2) {
      // A list ends where three blocks in a row name no school (a heading list on another page part).
      cue = undefined;
    }
  }
  return found;
}

const PROSE_LIST =
  /((?:[A-Z][^,;:.!?]*?,\s*)+[A-Z][^,;:.!?]*?,?\s+(?:and|&)\s+[A-Z][^,;:.!?]*?)\s+(?:(?:primary|secondary|infant|junior|first|middle|nursery|special|high|church|catholic|community)\s+)*(?:schools|academies)\b/g;

function fromProse(page: MemberSchoolsPage): MemberSchoolMention[] {
  const found: MemberSchoolMention[] = [];
  for (const sentence of page.sentences) {
    if (!MEMBER_PROSE.test(sentence)) continue;
    // "Ash, Birch and Cedar primary schools": names without their common ending.
    for (const m of sentence.matchAll(PROSE_LIST)) {
      const items = (m[1] ?? '').split(/\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+(?=[A-Z][^,]*$)/);
      const names = items.map(trailingName).filter((n) => n && /^[A-Z0-9]/.test(n));
      if (names.length >= 2)
        for (const name of names) found.push({ name, excerpt: excerptAround(sentence, name) });
    }
    // "Oakwood Primary School, Elm Academy and St Mary's CE Primary are members": whole names.
    const parts = sentence
      .replace(/[.!?]$/, '')
      .split(/\s*[,;:]\s*|\s+and\s+(?=[A-Z])/)
      .map(trailingName)
      .filter(looksLikeSchool);
    if (parts.length >= 2)
      for (const name of parts) found.push({ name, excerpt: excerptAround(sentence, name) });
  }
  return found;
}

/**
 * Member schools a partnership's page lists: lists and table rows under a member-list heading ("Our schools",
 * "Member schools", "Our members") or on a page titled so, and prose lists such as "X, Y and Z primary
 * schools". Names are returned as the page writes them, once each, in page order; resolving them to schools
 * is the normaliser's work.
 */
export function readMemberSchools(page: MemberSchoolsPage): MemberSchoolMention[] {
  const seen = new Set<string>();
  const out: MemberSchoolMention[] = [];
  for (const m of [...fromLists(page), ...fromProse(page)]) {
    const key = m.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(m);
  }
  return out;
}
