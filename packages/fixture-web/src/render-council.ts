import { document, esc } from './html.ts';
import { councilPaths, type FixtureCouncil, type FixtureModel, type FixturePartnership } from './model.ts';

export type OriginOf = (host: string) => string;

const TITLES: Record<string, string> = {
  '/': 'Home',
  '/education': 'Education and learning',
  '/education/schools': 'Schools in the area',
  '/education/school-improvement': 'School improvement',
  '/council/committee-papers': 'Committee papers',
  '/news': 'News',
  '/contact': 'Contact us',
};

function titleOf(path: string): string {
  if (TITLES[path]) return TITLES[path];
  if (path.startsWith('/news/')) return `Council news ${path.slice(6)}`;
  if (path.startsWith('/council/committee-papers/'))
    return `Children and Young People Scrutiny Committee, ${path.slice(26)}`;
  const service = path.split('/').pop() ?? '';
  return service.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function nav(c: FixtureCouncil): string {
  const items = [
    ['/', 'Home'],
    ['/education', 'Education and learning'],
    ['/education/schools', 'Schools'],
    ['/education/school-improvement', 'School improvement'],
    ['/council/committee-papers', 'Council and democracy'],
    ['/news', 'News'],
    ...c.services.map((s) => [`/services/${s}`, titleOf(`/services/${s}`)]),
    ['/contact', 'Contact us'],
  ];
  if (c.layout === 'mega-menu') {
    return `<div class="mega-menu"><table role="presentation"><tr>${items
      .map(
        ([href, label]) =>
          `<td class="mega-menu__item"><a class="mega-menu__link" href="${href}">${esc(label ?? '')}</a></td>`,
      )
      .join('')}</tr></table></div>`;
  }
  if (c.layout === 'minimal') {
    return `<p class="skip">${items.map(([href, label]) => `<a href="${href}">${esc(label ?? '')}</a>`).join(' | ')}</p>`;
  }
  return `<nav aria-label="Main"><ul class="nav">${items
    .map(([href, label]) => `<li><a href="${href}">${esc(label ?? '')}</a></li>`)
    .join('\n')}</ul></nav>`;
}

function partnershipParagraph(c: FixtureCouncil, p: FixturePartnership, origin: OriginOf): string {
  const link = `<a href="${origin(p.host)}/">${esc(p.name)}</a>`;
  const others = p.laCodes.length > 1 ? ' across both authorities' : '';
  switch (p.kind) {
    case 'learn':
      return `The council commissions ${link}, a school-led company owned by schools and the council, to deliver school improvement${others}. ${esc(p.name)} provides training, peer review and support to every maintained school and to academies that choose to buy in.`;
    case 'education-partnership':
      return `School improvement in ${esc(c.la.name)} is led by ${link}, a partnership between the council and local schools. The partnership was set up in ${p.foundedYear} and is jointly funded by schools and ${esc(c.la.officialName)}${others}.`;
    case 'schools-alliance':
      return `Most of our schools are members of ${link}, a charity run by headteachers that organises school-to-school support. The council contributes to the alliance's core costs through the schools forum.`;
    case 'la-board':
      return `The council convenes the ${link}, which brings headteachers, governors and officers together to agree priorities. The board is chaired by the Director of Children's Services and is supported by the council's school improvement team.`;
    default:
      return `${link} is a community interest company formed by the council and schools${others} in ${p.foundedYear}. It delivers the council's statutory school improvement functions under a service agreement.`;
  }
}

function lookalikeParagraphs(c: FixtureCouncil, origin: OriginOf): string {
  return c.lookalikes
    .map((l) =>
      l.type === 'multi-academy-trust'
        ? `<p>Several academies in the area belong to <a href="${origin(l.host ?? '')}/">${esc(l.name)}</a>, a multi-academy trust. Academies are funded directly by the Department for Education and are not maintained by the council.</p>`
        : `<p>The <strong>${esc(l.name)}</strong> is one of the national network of teaching school hubs designated by the Department for Education. It offers the Early Career Framework and National Professional Qualifications to teachers in ${esc(c.la.name)} and neighbouring areas.</p>`,
    )
    .join('\n');
}

function main(c: FixtureCouncil, path: string, model: FixtureModel, origin: OriginOf): string {
  const p = model.partnerships.find((x) => x.id === c.partnershipId);
  const place = esc(c.la.name);
  if (path === '/') {
    return `<h1>Welcome to ${esc(c.la.officialName)}</h1>
<p>Find information about council services in ${place}, from bins and council tax to schools and libraries.</p>
<ul class="tiles"><li><a href="/education">Schools and education</a></li><li><a href="/news">Latest news</a></li><li><a href="/contact">Contact the council</a></li></ul>`;
  }
  if (path === '/education') {
    const rows = [
      ['Apply for a school place', '/education/schools'],
      ['School improvement and standards', '/education/school-improvement'],
      ['Committee reports on education', '/council/committee-papers'],
    ];
    return c.layout === 'minimal'
      ? `<h1>Education and learning</h1><p>You can <a href="/education/schools">find a school</a>, read about <a href="/education/school-improvement">how we support schools to improve</a> or look at <a href="/council/committee-papers">committee papers</a>.</p>`
      : `<h1>Education and learning</h1><table class="services"><thead><tr><th>Service</th><th>Link</th></tr></thead><tbody>${rows
          .map(
            ([label, href]) =>
              `<tr><td>${esc(label ?? '')}</td><td><a href="${href}">More about ${esc((label ?? '').toLowerCase())}</a></td></tr>`,
          )
          .join('')}</tbody></table>`;
  }
  if (path === '/education/schools') {
    return `<h1>Schools in ${place}</h1><p>There are ${c.schools.length} schools on this list. Admissions for community schools are handled by the council.</p>
<table><thead><tr><th>School</th><th>Phase</th><th>Ward</th></tr></thead><tbody>
${c.schools.map((s) => `<tr><td>${esc(s.name)}</td><td>${s.phase}</td><td>${s.ward}</td></tr>`).join('\n')}
</tbody></table>`;
  }
  if (path === '/education/school-improvement') {
    const partnership = p
      ? `<p>${partnershipParagraph(c, p, origin)}</p>`
      : `<p>The council's school improvement service works with headteachers to monitor standards and to broker support where a school needs it.</p>`;
    return `<h1>School improvement</h1>
<p>The council has a duty to promote high standards in schools in ${place}. Our role is to know our schools well, to challenge and support them, and to intervene where standards are low.</p>
${partnership}
${lookalikeParagraphs(c, origin)}
<h2>Contact</h2><p>Email the school improvement team at <a href="mailto:schools@${c.slug}.test">schools@${c.slug}.test</a>.</p>`;
  }
  if (path === '/council/committee-papers') {
    return `<h1>Committee papers</h1><p>Agendas, reports and minutes of the Children and Young People Scrutiny Committee.</p>
<ol>${c.meetings.map((m) => `<li><a href="/council/committee-papers/${m}">Meeting of ${m}</a> (<a href="/council/committee-papers/${m}">agenda and minutes</a>)</li>`).join('')}</ol>`;
  }
  if (path.startsWith('/council/committee-papers/')) {
    const report = p
      ? `<p>Item 5: The committee received the annual report of ${esc(p.name)} on standards in schools. Members noted the partnership's work on ${esc(p.focusAreas[0] ?? 'attendance')}.</p>`
      : '<p>Item 5: The committee received the annual report on standards in schools.</p>';
    return `<h1>${esc(titleOf(path))}</h1><p>Item 1: Apologies for absence.</p>${report}<p>Item 6: Forward plan.</p>`;
  }
  if (path === '/news') {
    return `<h1>News</h1><ul>${Array.from({ length: c.newsCount }, (_v, i) => `<li><a href="/news/${i + 1}">Council news story ${i + 1}</a></li>`).join('')}</ul>`;
  }
  if (path.startsWith('/news/')) {
    return `<h1>${esc(titleOf(path))}</h1><p>Residents in ${place} are invited to comment on the council's plans. The consultation closes at the end of the month.</p>`;
  }
  if (path === '/contact') {
    return `<h1>Contact us</h1><address>${esc(c.la.officialName)}<br>Town Hall<br>${place}</address><p>Telephone 0300 123 4567.</p>`;
  }
  return `<h1>${esc(titleOf(path))}</h1><p>Information about ${esc(titleOf(path).toLowerCase())} in ${place}.</p>`;
}

/** A council page, or undefined for a path the site does not have. */
export function renderCouncilPage(
  c: FixtureCouncil,
  path: string,
  model: FixtureModel,
  origin: OriginOf,
): string | undefined {
  if (!councilPaths(c).includes(path)) return undefined;
  const body = `<header class="site-header"><a href="/" class="logo">${esc(c.la.officialName)}</a></header>
${nav(c)}
<main id="main">
${main(c, path, model, origin)}
</main>
<footer><p>&copy; ${esc(c.la.officialName)}, ${esc(c.la.region)}</p><p><a href="/contact">Contact</a></p></footer>`;
  return document({ title: `${titleOf(path)} - ${c.la.officialName}`, body });
}
