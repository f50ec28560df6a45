import type { Html } from './html.ts';

export interface JsonLdOrganization {
  name?: string;
  alternateName?: string[];
  url?: string;
  description?: string;
  foundingDate?: string;
  legalName?: string;
  /** Companies House number when the page states it (schema.org `identifier`, `taxID` or `leiCode` is not used). */
  companyNumber?: string;
  charityNumber?: string;
  areaServed?: string[];
  numberOfMembers?: number;
  email?: string;
}

const ORG_TYPES = new Set([
  'Organization',
  'EducationalOrganization',
  'NGO',
  'Corporation',
  'GovernmentOrganization',
  'LocalBusiness',
  'School',
]);

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && 'name' in value)
    return strings((value as { name: unknown }).name);
  return [];
}

function walk(node: unknown, found: Record<string, unknown>[]): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, found);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const types = strings(obj['@type']);
  if (types.some((t) => ORG_TYPES.has(t))) found.push(obj);
  if (obj['@graph']) walk(obj['@graph'], found);
}

function identifierOf(obj: Record<string, unknown>, pattern: RegExp): string | undefined {
  const ids = Array.isArray(obj.identifier) ? obj.identifier : obj.identifier ? [obj.identifier] : [];
  for (const id of ids) {
    if (typeof id === 'string') continue;
    const rec = id as Record<string, unknown>;
    const label = `${String(rec.propertyID ?? '')} ${String(rec.name ?? '')}`;
    if (pattern.test(label) && rec.value !== undefined) return String(rec.value).replace(/\s+/g, '');
  }
  return undefined;
}

/** The first schema.org Organization (or subtype) in the page's JSON-LD, tolerant of broken blocks. */
export function readJsonLdOrganization($: Html): JsonLdOrganization | undefined {
  const found: Record<string, unknown>[] = [];
  $('script[type="application/ld+json"]').each((_, el) => {
    try {
      walk(JSON.parse($(el).text()), found);
    } catch {
      // Malformed JSON-LD is common; the page's prose is still read.
    }
  });
  const org = found[0];
  if (!org) return undefined;
  const members = org.numberOfMembers;
  const memberValue =
    typeof members === 'number'
      ? members
      : members && typeof members === 'object'
        ? Number((members as { value?: unknown }).value)
        : NaN;
  const out: JsonLdOrganization = {};
  const name = strings(org.name)[0];
  if (name) out.name = name;
  const alt = strings(org.alternateName);
  if (alt.length) out.alternateName = alt;
  if (typeof org.url === 'string') out.url = org.url;
  if (typeof org.description === 'string') out.description = org.description;
  if (typeof org.foundingDate === 'string') out.foundingDate = org.foundingDate;
  if (typeof org.legalName === 'string') out.legalName = org.legalName;
  const company = identifierOf(org, /compan/i);
  if (company) out.companyNumber = company;
  const charity = identifierOf(org, /charit/i);
  if (charity) out.charityNumber = charity;
  const areas = strings(org.areaServed);
  if (areas.length) out.areaServed = areas;
  if (Number.isInteger(memberValue)) out.numberOfMembers = memberValue;
  if (typeof org.email === 'string') out.email = org.email;
  return out;
}
