import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import {
  buildViews,
  type Changes,
  colourKey,
  matches,
  NO_FILTERS,
  partnershipEvidence,
  roleEvidence,
  safeHref,
} from './model.ts';

const src = (url: string, excerpt = 'said so') => ({
  sourceUrl: url,
  fetchedAt: '2026-01-02T03:04:05.000Z',
  sourceKind: 'council' as const,
  excerpt,
  extractorVersion: 't@1',
});

const profile = (laCode: string, name: string, extra: Partial<LocalAuthorityProfileV1> = {}) =>
  ({
    kind: 'local-authority',
    laCode,
    gssCode: `E0${laCode}`,
    name,
    region: {
      code: laCode === '202' ? 'E12000007' : 'E12000001',
      name: laCode === '202' ? 'London' : 'North East',
    },
    roles: [],
    partnershipIds: [],
    pagesExamined: [],
    coverage: 'crawled',
    lastCrawled: null,
    provenance: {},
    ...extra,
  }) as unknown as LocalAuthorityProfileV1;

const partnership = (id: string, name: string, laCodes: string[], type = 'schools-led') =>
  ({
    id,
    name,
    type,
    status: 'active',
    lastSeen: '2026-01-02T03:04:05.000Z',
    localAuthorities: laCodes.map((laCode) => ({ laCode, gssCode: 'E0', name: laCode })),
    provenance: {
      name: [src('https://p.example/about')],
      website: [src('https://p.example/'), src('https://p.example/about')],
    },
  }) as unknown as PartnershipV1;

const learn = partnership('abep-1', 'Learn Camden', ['202']);
const other = partnership('abep-2', 'Gateshead Schools Together', ['390'], 'joint-with-la');
const profiles = [
  profile('202', 'Camden', {
    roles: ['deliverer'],
    partnershipIds: ['abep-1'],
    provenance: { 'roles.deliverer': [src('https://camden.example/si', 'the council delivers')] },
  }),
  profile('390', 'Gateshead', { partnershipIds: ['abep-2'], coverage: 'unreachable' }),
  profile('201', 'City of London', { coverage: 'not-crawled' }),
];
const changes: Changes = {
  from: 'v1',
  to: 'v2',
  summary: { added: 1, removed: 0, changed: 0, localAuthoritiesChanged: 1 },
  added: [{ id: 'abep-2', name: 'Gateshead Schools Together' }],
  removed: [],
  changed: [],
  localAuthoritiesChanged: [{ id: '201', name: 'City of London', fields: [{ field: 'coverage' }] }],
};
const views = buildViews(profiles, [learn, other], changes);
const shown = (f: Partial<typeof NO_FILTERS>) =>
  views.filter((v) => matches(v, { ...NO_FILTERS, ...f })).map((v) => v.code);

describe('the map model', () => {
  it('shows every LA with no filter, and joins each LA to its partnerships', () => {
    expect(shown({})).toEqual(['202', '390', '201']);
    expect(views[0]?.partnerships.map((p) => p.name)).toEqual(['Learn Camden']);
  });

  it('filters by role, partnership type, region and coverage', () => {
    expect(shown({ role: 'deliverer' })).toEqual(['202']);
    expect(shown({ role: 'none' })).toEqual(['390', '201']);
    expect(shown({ type: 'joint-with-la' })).toEqual(['390']);
    expect(shown({ region: 'E12000007' })).toEqual(['202']);
    expect(shown({ coverage: 'not-crawled' })).toEqual(['201']);
  });

  it('marks as changed the LAs of added or changed partnerships and LAs whose profile changed', () => {
    expect(shown({ changedOnly: true })).toEqual(['390', '201']);
  });

  it('searches LA and partnership names, ignoring case and accents', () => {
    expect(shown({ search: 'camden' })).toEqual(['202']);
    expect(shown({ search: 'SCHOOLS together' })).toEqual(['390']);
    expect(shown({ search: 'Cámden' })).toEqual(['202']);
  });

  it('colours by partnership count or by role', () => {
    expect(views.map((v) => colourKey(v, 'count'))).toEqual(['1', '1', '0']);
    expect(views.map((v) => colourKey(v, 'role'))).toEqual(['deliverer', 'none', 'none']);
  });

  it('gives role evidence from the profile provenance and one evidence entry per partnership page', () => {
    expect(roleEvidence(profiles[0] as LocalAuthorityProfileV1, 'deliverer')).toEqual([
      {
        url: 'https://camden.example/si',
        excerpt: 'the council delivers',
        fetchedAt: '2026-01-02T03:04:05.000Z',
      },
    ]);
    expect(partnershipEvidence(learn).map((e) => e.url)).toEqual([
      'https://p.example/about',
      'https://p.example/',
    ]);
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
  });
});
