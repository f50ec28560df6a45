import type { LocalAuthorityProfileV1 } from '@abep/schemas';
import { h, link } from './dom.ts';
import { type Changes, type LaView, partnershipEvidence, roleEvidence, safeHref } from './model.ts';

const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : 'never');

function evidenceList(items: { url: string; excerpt: string; fetchedAt: string }[]): HTMLElement {
  return h(
    'ul',
    { class: 'evidence' },
    ...items.map((e) =>
      h(
        'li',
        {},
        link(safeHref(e.url), e.url),
        ` (read ${day(e.fetchedAt)})`,
        e.excerpt ? h('blockquote', {}, e.excerpt) : null,
      ),
    ),
  );
}

/** The details of one LA: roles with the pages they were read from, and its partnerships. */
export function laDetails(la: LaView, profile: LocalAuthorityProfileV1 | undefined): HTMLElement {
  const roles = la.roles.length
    ? la.roles.map((role) =>
        h(
          'section',
          { class: 'role', 'data-role': role },
          h('h3', {}, `Role: ${role}`),
          profile ? evidenceList(roleEvidence(profile, role)) : null,
        ),
      )
    : [h('p', {}, 'No school-improvement role found on its pages.')];
  const partnerships = la.partnerships.length
    ? la.partnerships.map((p) =>
        h(
          'section',
          { class: 'partnership', 'data-id': p.id },
          h('h3', {}, p.name),
          h(
            'dl',
            {},
            h('dt', {}, 'type'),
            h('dd', {}, p.type),
            h('dt', {}, 'website'),
            h('dd', {}, p.website ? link(safeHref(p.website), p.website) : 'none found'),
            h('dt', {}, 'status'),
            h('dd', {}, p.status),
            h('dt', {}, 'last seen'),
            h('dd', {}, day(p.lastSeen)),
          ),
          h('h4', {}, 'Evidence'),
          evidenceList(partnershipEvidence(p)),
        ),
      )
    : [h('p', {}, 'No partnership found.')];
  return h(
    'div',
    { class: 'details', 'data-la': la.code },
    h('h2', {}, la.name),
    h(
      'p',
      { class: 'meta' },
      `${la.regionName} · LA ${la.code} · ${la.coverage}`,
      profile ? ` · last crawled ${day(profile.lastCrawled)}` : '',
      la.changed ? h('span', { class: 'badge' }, 'changed in this version') : null,
    ),
    profile?.website ? h('p', {}, 'Council: ', link(safeHref(profile.website), profile.website)) : null,
    ...roles,
    h('h2', {}, `Partnerships (${la.partnerships.length})`),
    ...partnerships,
  );
}

/** What changed since the previous version (changes.json). */
export function changesSummary(changes: Changes | undefined): HTMLElement {
  if (!changes) return h('p', {}, 'No changes.json in this version.');
  const list = (title: string, items: { name: string; fields?: { field: string }[] }[]) =>
    items.length
      ? h(
          'section',
          {},
          h('h3', {}, `${title} (${items.length})`),
          h(
            'ul',
            {},
            ...items.map((i) =>
              h('li', {}, i.name, i.fields ? ` — ${i.fields.map((f) => f.field).join(', ')}` : ''),
            ),
          ),
        )
      : null;
  return h(
    'div',
    { class: 'changes' },
    h('h2', {}, changes.from ? `Changed since ${changes.from}` : 'First version: everything is new'),
    list('Partnerships added', changes.added),
    list('Partnerships removed', changes.removed),
    list('Partnerships changed', changes.changed),
    list('Local authorities changed', changes.localAuthoritiesChanged),
  );
}
