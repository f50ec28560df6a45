import {
  type PartnershipLink,
  type Pipeline,
  type PipelineSeed,
  readPage,
  type ScopeRules,
} from '@abep/extraction';

/** A partnership's own site: its about, governance, membership and contact pages. */
export const partnershipSitesScope: ScopeRules = {
  registrableDomains: 'same-as-seed',
  include: [
    '^https?://[^/]+/?(?:[?#].*)?$',
    '(?:^|/)(?:about|about-us|who-we-are|what-we-do|our-work|our-story|history|governance|board|trustees|directors|team|our-team|members|membership|our-schools|member-schools|schools|partners|contact|contact-us|legal|privacy|impact|annual-report)(?:[/?.-]|$)',
  ],
  exclude: [
    '(?:^|/)(?:news|blog|events|vacancies|jobs|login|shop|basket|courses/book|wp-admin|wp-json|feed)(?:[/?]|$)',
    '\\.(?:jpg|jpeg|png|gif|svg|css|js|zip|mp4|docx?)$',
  ],
  maxDepth: 2,
  maxPagesPerHost: 40,
};

/** One seed per partnership host found by other pipelines: the site's home page, keeping the LA it was found for. */
export function partnershipSeeds(links: readonly PartnershipLink[]): PipelineSeed[] {
  const byHost = new Map<string, PipelineSeed>();
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const host = url.hostname.toLowerCase();
    if (byHost.has(host)) continue;
    byHost.set(host, {
      url: `${url.protocol}//${url.host}/`,
      ...(link.laCode ? { laCode: link.laCode } : {}),
    });
  }
  return [...byHost.values()];
}

export const partnershipSitesPipeline: Pipeline<'partnership-links'> = {
  name: 'partnership-sites',
  sourceKind: 'own-site',
  extractorVersion: 'partnership-sites@4',
  scope: partnershipSitesScope,
  input: 'partnership-links',
  outputs: [],
  seeds: partnershipSeeds,
  extract(page, places) {
    return readPage(page, places, { extractorVersion: 'partnership-sites@4' });
  },
};
