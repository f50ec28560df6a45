import { NUMBER_WORDS, parseCount } from '@abep/extraction';
import type { LegalForm } from '@abep/schemas';
import { registrableDomain } from '@abep/urls';

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

const WORDS = new RegExp(String.raw`\b${NUMBER_WORDS}\b`, 'gi');

/**
 * Every number a free text states, in digits ("1,200", "56") or words ("ten", "twenty-five", "two hundred and
 * six"), read with the extraction package's number words so the label and the page are read alike. "a dozen",
 * thousands in words and fractions are not read.
 */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  for (const m of text.matchAll(/\d[\d,]*/g)) {
    const n = Number(m[0].replace(/,(?=\d{3}\b)/g, '').replace(/,+$/, ''));
    if (Number.isFinite(n)) found.add(n);
  }
  for (const m of text.matchAll(WORDS)) {
    const n = parseCount(m[0]);
    if (n !== undefined) found.add(n);
  }
  return found;
}

/** Registrable domain of a URL or host ("www.example.org.uk" → "example.org.uk"); the text itself if it has none. */
export function domainOf(urlOrHost: string): string {
  const text = urlOrHost.trim().toLowerCase();
  return registrableDomain(text) ?? text;
}

/** Companies House numbers compare as 8 characters, zero-padded. */
export function companyNumberKey(text: string): string {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  return /^\d+$/.test(t) ? t.padStart(8, '0') : t;
}
