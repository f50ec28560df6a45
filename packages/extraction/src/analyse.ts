import type { PartnershipFields } from '@abep/schemas';
import { bareHost, type PageLink, pageLinks } from '@abep/urls';
import { extractAreas, placeFromName } from './areas.ts';
import {
  extractCharityNumber,
  extractCompanyNumber,
  extractFocusAreas,
  extractFoundedYear,
  extractLegalForm,
  extractMemberCount,
  extractPartnershipType,
  extractPhases,
} from './fields.ts';
import { firstHeading, footerText, type Html, loadHtml, mainBlocks, pageTitle, readMeta } from './html.ts';
import { type JsonLdOrganization, readJsonLdOrganization } from './json-ld.ts';
import { clip, excerptAround, splitSentences } from './text.ts';

export interface AnalysedPage {
  $: Html;
  url: string;
  /** Readable blocks, each on one line (line breaks inside a block become spaces). */
  blocks: string[];
  /** Every line of every block, as the page breaks them: names are never read across a line. */
  lines: string[];
  text: string;
  sentences: string[];
  title?: string;
  heading?: string;
  meta: Record<string, string>;
  jsonLd?: JsonLdOrganization;
  footer: string;
  links: PageLink[];
}

/**
 * Blocks with a sentence cut by a stray paragraph break put back together: a block that ends without final
 * punctuation followed by one that starts in lower case is one sentence (hard-wrapped documents, mirrors).
 */
function continuedBlocks(blocks: readonly string[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    const last = out.at(-1);
    if (last !== undefined && !/[.!?:;"”’)]$/.test(last) && /^[a-z]/.test(block))
      out[out.length - 1] = `${last} ${block}`;
    else out.push(block);
  }
  return out;
}

export function analysePage(html: string, url: string): AnalysedPage {
  const $ = loadHtml(html);
  const lined = mainBlocks($);
  const blocks = lined.map((b) => b.replace(/\n/g, ' '));
  const title = pageTitle($);
  const heading = firstHeading($);
  const jsonLd = readJsonLdOrganization($);
  return {
    $,
    url,
    blocks,
    lines: lined.flatMap((b) => b.split('\n')),
    text: blocks.join('\n'),
    sentences: continuedBlocks(blocks).flatMap(splitSentences),
    ...(title ? { title } : {}),
    ...(heading ? { heading } : {}),
    meta: readMeta($),
    ...(jsonLd ? { jsonLd } : {}),
    footer: footerText($),
    links: pageLinks($, url),
  };
}

const compact = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z0-9]/g, '');

/** The link that most plausibly is the organisation's own site: anchor text naming it, or a host spelling it. */
export function websiteFor(name: string, links: readonly PageLink[], pageUrl: string): PageLink | undefined {
  const lower = name.toLowerCase();
  const pageHost = bareHost(pageUrl);
  const external = links.filter((l) => bareHost(l.href) !== pageHost);
  return (
    external.find(
      (l) =>
        l.text.length >= 4 && (l.text.toLowerCase().includes(lower) || lower.includes(l.text.toLowerCase())),
    ) ?? external.find((l) => compact(bareHost(l.href)).includes(compact(name)))
  );
}

export interface DescribeOptions {
  /** Text the fields may also be read from (an own site's whole text and footer). */
  fieldText?: string;
  website?: PageLink;
  description?: string;
  contactUrl?: PageLink;
  jsonLd?: JsonLdOrganization;
}

/** The partnership fields the text states about one organisation, each with the words that state it. */
export function describeOrganisation(
  name: string,
  context: string,
  options: DescribeOptions = {},
): PartnershipFields {
  const text = options.fieldText ?? context;
  const ld = options.jsonLd;
  const fields: PartnershipFields = { name: { value: name, excerpt: excerptAround(context || name, name) } };
  if (ld?.alternateName?.length) fields.aliases = ld.alternateName;
  if (options.website)
    fields.website = {
      value: options.website.href,
      excerpt: clip(options.website.text || options.website.href),
    };
  if (options.description)
    fields.description = { value: options.description, excerpt: clip(options.description) };
  const areas = ld?.areaServed?.length
    ? ld.areaServed.map((a) => ({ value: a, excerpt: clip(`areaServed: ${a}`) }))
    : extractAreas(context).concat(options.fieldText ? extractAreas(options.fieldText) : []);
  const unique = [...new Map(areas.map((a) => [a.value.toLowerCase(), a])).values()];
  if (unique.length === 0) {
    const place = placeFromName(name);
    if (place) unique.push({ value: place, excerpt: excerptAround(context || name, name) });
  }
  if (unique.length) fields.areas = unique;
  const type = extractPartnershipType(text);
  if (type) fields.type = type;
  const company = ld?.companyNumber
    ? { value: ld.companyNumber.padStart(8, '0'), excerpt: clip(`identifier: ${ld.companyNumber}`) }
    : extractCompanyNumber(text);
  if (company) fields.companyNumber = company;
  const charity = ld?.charityNumber
    ? { value: ld.charityNumber, excerpt: clip(`identifier: ${ld.charityNumber}`) }
    : extractCharityNumber(text);
  if (charity) fields.charityNumber = charity;
  const legal = extractLegalForm(text, { company: !!company, charity: !!charity });
  if (legal) fields.legalForm = legal;
  else if (company && charity) fields.legalForm = { value: 'charitable-company', excerpt: charity.excerpt };
  const foundingYear = ld?.foundingDate ? Number(ld.foundingDate.slice(0, 4)) : Number.NaN;
  const founded = Number.isInteger(foundingYear)
    ? { value: foundingYear, excerpt: clip(`foundingDate: ${ld?.foundingDate}`) }
    : extractFoundedYear(text);
  if (founded) fields.foundedYear = founded;
  const members =
    ld?.numberOfMembers !== undefined
      ? { value: ld.numberOfMembers, excerpt: clip(`numberOfMembers: ${ld.numberOfMembers}`) }
      : extractMemberCount(text);
  if (members) fields.memberCount = members;
  const phases = extractPhases(text);
  if (phases) fields.phases = phases;
  const focus = extractFocusAreas(text);
  if (focus) fields.focusAreas = focus;
  if (options.contactUrl)
    fields.contactUrl = {
      value: options.contactUrl.href,
      excerpt: clip(options.contactUrl.text || 'contact'),
    };
  return fields;
}
