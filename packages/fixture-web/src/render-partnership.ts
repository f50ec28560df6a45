import { document, esc } from './html.ts';
import {
  type FixtureLookalike,
  type FixtureModel,
  type FixturePartnership,
  PARTNERSHIP_PATHS,
  TRUST_PATHS,
} from './model.ts';
import type { OriginOf } from './render-council.ts';

function laNames(p: FixturePartnership, model: FixtureModel): string[] {
  return p.laCodes.map((code) => model.councils.find((c) => c.la.laCode === code)?.la.name ?? code);
}

function footer(p: FixturePartnership): string {
  const lines = [`&copy; ${esc(p.name)}`];
  if (p.companyNumberInFooter && p.companyNumber) {
    lines.push(`Registered in England and Wales, company number ${p.companyNumber}`);
  }
  if (p.charityNumber && p.companyNumberInFooter) lines.push(`Registered charity number ${p.charityNumber}`);
  return `<footer class="site-footer"><p>${lines.join('. ')}.</p></footer>`;
}

function jsonLd(p: FixturePartnership, origin: OriginOf): string {
  if (!p.jsonLd) return '';
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: p.name,
    url: `${origin(p.host)}/`,
    foundingDate: String(p.foundedYear),
    ...(p.companyNumber
      ? { identifier: { '@type': 'PropertyValue', propertyID: 'Companies House', value: p.companyNumber } }
      : {}),
  };
  return `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
}

export function renderPartnershipPage(
  p: FixturePartnership,
  path: string,
  model: FixtureModel,
  origin: OriginOf,
): string | undefined {
  if (!PARTNERSHIP_PATHS.includes(path)) return undefined;
  const areas = laNames(p, model).join(' and ');
  const nav = `<nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/members">Our schools</a> <a href="/governance">Governance</a> <a href="/contact">Contact</a></nav>`;
  const legal: Record<FixturePartnership['legalForm'], string> = {
    'company-limited-by-guarantee':
      'a company limited by guarantee, owned by its member schools and the local authority',
    'charitable-company': 'a charitable company limited by guarantee',
    'council-board': 'a partnership board hosted by the local authority; it is not a separate legal entity',
    'community-interest-company': 'a community interest company',
  };
  let content: string;
  switch (path) {
    case '/':
      content = `<h1>${esc(p.name)}</h1><p>${esc(p.name)} is the school improvement partnership for ${esc(areas)}. We bring schools together so that every child gets a great education.</p><p><a href="/about">Find out more about us</a></p>`;
      break;
    case '/about':
      content = `<h1>About ${esc(p.name)}</h1><p>We were founded in ${p.foundedYear} by schools and the council in ${esc(areas)}. ${esc(p.name)} is ${legal[p.legalForm]}.</p><p>Our priorities are ${esc(p.focusAreas.join(', '))}.</p>`;
      break;
    case '/members':
      content = `<h1>Our member schools</h1><p>${p.memberSchools.length} schools are members of the partnership.</p><ul>${p.memberSchools.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`;
      break;
    case '/governance':
      content = `<h1>Governance</h1><p>The board of directors includes elected headteachers from each phase and a representative of the local authority.</p>${p.companyNumber ? `<p>Company number: ${p.companyNumber}.</p>` : ''}`;
      break;
    default:
      content = `<h1>Contact us</h1><p>Email <a href="mailto:hello@${p.host}">hello@${esc(p.host)}</a>.</p>`;
  }
  return document({
    title: `${path === '/' ? 'Home' : path.slice(1)} | ${p.name}`,
    head: path === '/' ? jsonLd(p, origin) : '',
    body: `${nav}<main>${content}</main>${footer(p)}`,
  });
}

export function renderTrustPage(t: FixtureLookalike, path: string, model: FixtureModel): string | undefined {
  if (!TRUST_PATHS.includes(path)) return undefined;
  const council = model.councils.find((c) => c.la.laCode === t.laCode);
  const academies = (council?.schools ?? []).filter((s) => /Academy/.test(s.name)).map((s) => s.name);
  const nav =
    '<nav><a href="/">Home</a> <a href="/about">About the trust</a> <a href="/our-academies">Our academies</a></nav>';
  const content =
    path === '/'
      ? `<h1>${esc(t.name)}</h1><p>${esc(t.name)} is a multi-academy trust serving families in ${esc(council?.la.name ?? '')}.</p>`
      : path === '/about'
        ? `<h1>About the trust</h1><p>${esc(t.name)} is an exempt charity and a company limited by guarantee. The trust's academies are funded by the Department for Education under funding agreements with the Secretary of State.</p>`
        : `<h1>Our academies</h1><ul>${academies.map((a) => `<li>${esc(a)}</li>`).join('') || '<li>Opening soon</li>'}</ul>`;
  return document({
    title: `${t.name}`,
    body: `${nav}<main>${content}</main><footer><p>&copy; ${esc(t.name)}, an academy trust.</p></footer>`,
  });
}
