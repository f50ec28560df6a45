import type { LegalForm } from '@abep/schemas';
import { getDomain } from 'tldts';

/**
 * A label's free-text legal form as the register's LegalForm, by keywords in this order (first match wins);
 * undefined when none applies, and such a label is not scored for legal form.
 */
export function labelLegalForm(text: string): LegalForm | undefined {
  const t = text.toLowerCase();
  if (!t.trim()) return undefined;
  if (t.includes('charitable incorporated')) return 'charitable-incorporated-organisation';
  if (t.includes('community interest')) return 'community-interest-company';
  if (t.includes('charit') && (t.includes('company') || t.includes('guarantee'))) return 'charitable-company';
  if (t.includes('limited by guarantee') || t.includes('company')) return 'company-limited-by-guarantee';
  if (t.includes('unincorporated') || t.includes('no separate legal entity') || t.includes('voluntary'))
    return 'unincorporated';
  if (t.includes('board') || t.includes('joint committee')) return 'council-board';
  return undefined;
}

const UNITS: Record<string, number> = {
  zero: 0,
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

/**
 * Every number a free text states, in digits ("1,200", "56") or words ("ten", "twenty-five", "two hundred and
 * six"). "a dozen" and fractions are not read.
 */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  for (const m of text.matchAll(/\d[\d,]*/g)) {
    const n = Number(m[0].replace(/,(?=\d{3}\b)/g, '').replace(/,+$/, ''));
    if (Number.isFinite(n)) found.add(n);
  }
  // A run of number words is one number: units and tens add, "hundred" multiplies, "thousand" closes a group;
  // "and" continues a run only after a hundred ("two hundred and six").
  let run: { total: number; current: number } | undefined;
  const flush = () => {
    if (run) found.add(run.total + run.current);
    run = undefined;
  };
  for (const word of text.toLowerCase().split(/[^a-z]+/)) {
    const value = UNITS[word] ?? TENS[word];
    if (value !== undefined) {
      if (
        run &&
        run.current % 100 !== 0 &&
        !(value < 10 && run.current % 10 === 0 && run.current % 100 >= 20)
      )
        flush();
      run ??= { total: 0, current: 0 };
      run.current += value;
    } else if (word === 'hundred' && run) run.current = (run.current || 1) * 100;
    else if (word === 'thousand' && run) {
      run.total += (run.current || 1) * 1000;
      run.current = 0;
    } else if (!(word === 'and' && run && run.current >= 100)) flush();
  }
  flush();
  return found;
}

/** Registrable domain of a URL or host ("www.example.org.uk" → "example.org.uk"); the text itself if none. */
export function domainOf(urlOrHost: string): string {
  const text = urlOrHost.trim().toLowerCase();
  return getDomain(text, { allowPrivateDomains: true }) ?? text.replace(/^www\./, '');
}

/** Companies House numbers compare as 8 characters, zero-padded. */
export function companyNumberKey(text: string): string {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  return /^\d+$/.test(t) ? t.padStart(8, '0') : t;
}
