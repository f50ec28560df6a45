import type { LocalAuthority } from './local-authority.ts';

/**
 * The LA whose own website a host belongs to: the website's domain (without `www.`) or any subdomain of it
 * ("democracy.riverton.gov.uk" on riverton.gov.uk). Domains come from the reference data, never from pages.
 */
export function createSiteHostIndex(
  las: readonly LocalAuthority[],
): (host: string) => LocalAuthority | undefined {
  const byDomain = new Map<string, LocalAuthority>();
  for (const la of las) {
    const domain = domainOf(la.website);
    // A shared parent such as gov.uk itself would claim every council's host.
    if (domain && domain.split('.').length >= 2 && !SHARED.has(domain)) byDomain.set(domain, la);
  }
  return (host) => {
    const labels = host.toLowerCase().replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length - 1; i++) {
      const la = byDomain.get(labels.slice(i).join('.'));
      if (la) return la;
    }
    return undefined;
  };
}

const SHARED = new Set(['gov.uk', 'org.uk', 'co.uk', 'ac.uk', 'sch.uk', 'com', 'org', 'net']);

function domainOf(website: string | undefined): string | undefined {
  if (!website) return undefined;
  try {
    return new URL(website).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
