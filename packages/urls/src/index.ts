export { normaliseUrl, registrableDomain } from './normalise-url.ts';
export { type PageLink, pageLinks, pageLinkUrls } from './page-links.ts';
export { bareHost, canonicalUrl, displayUrl, websiteIdentity } from './site-url.ts';
export { isTrackingParam } from './tracking-params.ts';
