import type { LocalAuthority } from './local-authority.ts';
import { nameKey } from './name-key.ts';

export interface LaMention {
  la: LocalAuthority;
  /** The words as written in the text. */
  text: string;
  index: number;
}

/** Phrases that contain an LA name but mean somewhere else. */
const BLOCKERS = [
  'new york',
  'greater manchester',
  'greater london',
  'bury st edmunds',
  'sutton coldfield',
  'north york moors',
  'newcastle under lyme',
];
/** Small words inside LA names that need not be capitalised ("Kingston upon Hull", "Bath and North East Somerset"). */
const JOINERS = new Set(['and', 'of', 'upon', 'on', 'the', 'under', 'in', 'le', 'with', 'st']);

interface Token {
  key: string;
  start: number;
  end: number;
  capitalised: boolean;
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’]\p{L}+)?|&/gu)) {
    // "Kent's schools" names Kent.
    const word = m[0].replace(/['’]s$/, '');
    const key = nameKey(word);
    if (!key) continue;
    const first = word[0] ?? '';
    tokens.push({
      key,
      start: m.index,
      end: m.index + word.length,
      capitalised: first === '&' || first !== first.toLowerCase() || /\d/.test(first),
    });
  }
  return tokens;
}

export interface MentionFinder {
  find(text: string): LaMention[];
}

/** Longest-match, whole-word search for LA names in prose. Names must be capitalised as proper nouns. */
export function createMentionFinder(nameIndex: ReadonlyMap<string, LocalAuthority>): MentionFinder {
  const blockers = new Set(BLOCKERS);
  let maxWords = 1;
  for (const key of [...nameIndex.keys(), ...blockers]) maxWords = Math.max(maxWords, key.split(' ').length);
  return {
    find(text) {
      const tokens = tokenise(text);
      const mentions: LaMention[] = [];
      let i = 0;
      outer: while (i < tokens.length) {
        for (let n = Math.min(maxWords, tokens.length - i); n >= 1; n--) {
          const span = tokens.slice(i, i + n);
          const phrase = span.map((t) => t.key).join(' ');
          if (blockers.has(phrase)) {
            i += n;
            continue outer;
          }
          const la = nameIndex.get(phrase);
          if (la && span.every((t) => t.capitalised || JOINERS.has(t.key))) {
            const first = span[0] as Token;
            const last = span[n - 1] as Token;
            mentions.push({ la, text: text.slice(first.start, last.end), index: first.start });
            i += n;
            continue outer;
          }
        }
        i += 1;
      }
      return mentions;
    },
  };
}
