// Local rather than `words-to-numbers`: that package pulls in babel-runtime 6 and a ClojureScript fuzzy matcher,
// and its fuzzy matching would turn ordinary words into counts. Counts on these pages are one to a few hundred.

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const UNIT = byLength(Object.keys(UNITS));
const DIGIT = byLength(Object.keys(UNITS).filter((w) => (UNITS[w] ?? 10) < 10));
const TEN = Object.keys(TENS).join('|');
const BELOW_100 = String.raw`(?:(?:${TEN})(?:[\s-](?:${DIGIT}))?|${UNIT})`;

/** Regex source (no groups) for a cardinal written in words, one to nine hundred and ninety-nine. */
export const NUMBER_WORDS = String.raw`(?:(?:(?:${UNIT})\s+hundred|a\s+hundred)(?:\s+and\s+${BELOW_100})?|${BELOW_100})`;

/** Regex source (no groups) for a count in digits (1–9,999, commas allowed) or in words. */
export const COUNT = String.raw`(?:\d{1,3}(?:,\d{3})?|\d{1,4}|${NUMBER_WORDS})`;

function below100(words: string[]): number | undefined {
  const [first, second, ...rest] = words;
  if (!first || rest.length > 0) return undefined;
  const ten = TENS[first];
  if (ten !== undefined) {
    if (second === undefined) return ten;
    const unit = UNITS[second];
    return unit !== undefined && unit < 10 ? ten + unit : undefined;
  }
  return second === undefined ? UNITS[first] : undefined;
}

/** "Seventy" → 70, "one hundred and four" → 104, "42" → 42, "1,200" → 1200; undefined when not a whole count. */
export function parseCount(raw: string): number | undefined {
  const text = raw.trim().toLowerCase();
  if (/^\d{1,3}(?:,\d{3})*$|^\d+$/.test(text)) return Number(text.replace(/,/g, ''));
  const words = text.split(/[\s-]+/).filter((w) => w !== 'and');
  const at = words.indexOf('hundred');
  if (at === -1) return below100(words);
  const head = words.slice(0, at);
  const hundreds = head.length === 1 && head[0] === 'a' ? 1 : below100(head);
  if (hundreds === undefined || hundreds > 9) return undefined;
  const tail = words.slice(at + 1);
  if (tail.length === 0) return hundreds * 100;
  const rest = below100(tail);
  return rest === undefined ? undefined : hundreds * 100 + rest;
}
