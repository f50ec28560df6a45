import { createHash } from 'node:crypto';
import { websiteIdentity } from '@abep/urls';
import { orgNameKey } from './canonical.ts';
import type { Claim } from './claim.ts';

/** Keys that identify a partnership wherever it is seen: registry numbers and its own website. */
export function strongKeys(claim: Claim): string[] {
  const keys: string[] = [];
  const company = claim.fields.companyNumber?.value;
  const charity = claim.fields.charityNumber?.value;
  const website = claim.fields.website?.value;
  if (company) keys.push(`co:${company}`);
  if (charity) keys.push(`ch:${charity}`);
  const site = website ? websiteIdentity(website) : undefined;
  if (site) keys.push(site);
  return keys;
}

export function nameKeysOf(claim: Claim): string[] {
  const names = [claim.fields.name?.value, ...claim.aliases].filter((n): n is string => Boolean(n));
  return [...new Set(names.map(orgNameKey).filter(Boolean))];
}

/** Name within each LA the source places it in: similar names in different LAs stay apart. */
export function nameLaKeys(claim: Claim): string[] {
  const las = claim.fields.localAuthorities?.value ?? [];
  return nameKeysOf(claim).flatMap((name) => las.map((la) => `name:${name}@${la.laCode}`));
}

const JOINING = new Set(['for', 'of', 'the', 'and', 'in']);

/**
 * The name's words in any order, within each LA: "Barnsley Alliance for Schools" and "Barnsley Schools Alliance"
 * are one body. For matching only, never for an id (ids come from strongKeys and nameLaKeys).
 */
export function wordsLaKeys(claim: Claim): string[] {
  const las = claim.fields.localAuthorities?.value ?? [];
  const words = nameKeysOf(claim)
    .map((key) => key.split(' ').filter((w) => !JOINING.has(w)))
    .filter((w) => w.length >= 2)
    .map((w) => [...new Set(w)].sort().join(' '));
  return [...new Set(words)].flatMap((w) => las.map((la) => `words:${w}@${la.laCode}`));
}

/**
 * The full name, whatever LA the source places it in, when the name carries a place ("Riverton Schools
 * Alliance"): one such name under two LAs is one body. Generic names ("Learning Partnership") and acronyms
 * stay within their LA.
 */
export function fullNameKeys(claim: Claim, namesPlace: (name: string) => boolean): string[] {
  const name = claim.fields.name?.value;
  const key = name ? orgNameKey(name) : '';
  return name && key.split(' ').length >= 2 && namesPlace(name) ? [`fullname:${key}`] : [];
}

const PRIORITY = ['co:', 'ch:', 'dom:', 'url:', 'name:'];

/** The identity key a new record's id is derived from: the strongest kind, then the smallest key. */
export function primaryKey(keys: Iterable<string>): string | undefined {
  const rank = (k: string) => {
    const i = PRIORITY.findIndex((p) => k.startsWith(p));
    return i < 0 ? PRIORITY.length : i;
  };
  let best: string | undefined;
  for (const key of keys) {
    if (best === undefined || rank(key) < rank(best) || (rank(key) === rank(best) && key < best)) best = key;
  }
  return best;
}

export function idFor(key: string, taken: (id: string) => boolean): string {
  for (let n = 1; ; n++) {
    const id = `abep-${createHash('sha256')
      .update(n === 1 ? key : `${key}#${n}`)
      .digest('hex')
      .slice(0, 12)}`;
    if (!taken(id)) return id;
  }
}
