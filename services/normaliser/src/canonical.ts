import { nameKey } from '@abep/gazetteer';

/** Display form of a name: trimmed, single spaces. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

const LEGAL_SUFFIX =
  / (ltd|limited|cic|plc|llp|community interest company|cio|charitable incorporated organisation)$/;

/** Matching key of an organisation name: no legal suffixes, no leading "The", "&" = "and", case-free. */
export function orgNameKey(name: string): string {
  let key = nameKey(name)
    .replace(/^the /, '')
    // "School Partnership" / "Schools' Partnership", "Partnerships" / "Partnership": one body.
    .replace(/\bschools\b/g, 'school')
    .replace(/\bpartnerships\b/g, 'partnership');
  for (;;) {
    // "Foo Partnership Board" is Foo Partnership's board, not another body.
    const next = key
      .replace(LEGAL_SUFFIX, '')
      .replace(/ (partnership|alliance|network|collaborative) board$/, ' $1');
    if (next === key) return key;
    key = next;
  }
}

/** Companies House number: 8 characters, digits zero-padded; undefined if it cannot be one. */
export function canonicalCompanyNumber(raw: string): string | undefined {
  const text = raw.replace(/[\s.-]/g, '').toUpperCase();
  if (/^\d{1,8}$/.test(text)) return text.padStart(8, '0');
  if (/^[A-Z]{2}\d{1,6}$/.test(text)) return text.slice(0, 2) + text.slice(2).padStart(6, '0');
  return undefined;
}

/** Charity Commission number: 6–7 digits (a "-1" subsidiary suffix is dropped); undefined otherwise. */
export function canonicalCharityNumber(raw: string): string | undefined {
  const text = raw.replace(/\s/g, '').replace(/-\d+$/, '');
  return /^\d{6,7}$/.test(text) ? text : undefined;
}
