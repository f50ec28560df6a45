import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';
import type { LabelTexts } from '../labels.ts';

/** A small made-up corpus: invented bodies and invented pages, written for these tests. */
export const LABEL_TEXTS: LabelTexts = {
  'pages.csv': [
    'file,url,page_kind,partnerships,la_roles,notes',
    'p1.txt,https://riverton-learning.example/about,own-site,T1,,',
    'p2.txt,https://news.example/schools-club-together,news,T1;T2;T4,Leeds=convener,',
    'p3.txt,https://council.example/education,council,T3,Leeds=funder;York=deliverer,',
    'p4.txt,https://trust.example/,lookalike,T5,,',
  ].join('\n'),
  'partnerships.csv': [
    'id,name,is_abep,website_domain,local_authorities,region,la_involvement,legal_form,company_number,charity_number,founded_year,member_count,focus_areas,source_urls,notes',
    'T1,Riverton Learning Partnership (RLP; formerly Riverton Schools Forum),true,riverton-learning.example,Leeds,,,company limited by guarantee,1234567,,2015,"about twenty-five primary schools",,https://riverton-learning.example/about,',
    'T2,Hillside School(s) Alliance,true,,York,,,,,,,,,https://news.example/schools-club-together,',
    'T3,Upper Vale Heads Group,true,,Leeds;York,,,,,,,,,https://council.example/education,[borderline] a heads group only',
    'T4,Meadow Cross Collaborative,true,,Leeds,,,,,,,,,,',
    'T5,Oakham Academy Trust,false,trust.example,Leeds,,,multi-academy trust,,,,,,https://trust.example/,',
  ].join('\n'),
  'la-roles.csv': [
    'la_name,role,url,excerpt',
    'York,deliverer,https://council.example/education,The council runs its own advisers for schools.',
  ].join('\n'),
};

const LAS: Record<string, { laCode: string; gssCode: string }> = {
  Leeds: { laCode: '383', gssCode: 'E08000035' },
  York: { laCode: '816', gssCode: 'E06000014' },
};

export function record(
  id: string,
  name: string,
  las: string[],
  extra: Partial<PartnershipV1> = {},
): PartnershipV1 {
  return {
    kind: 'partnership',
    id: `abep-${id.padStart(8, '0')}`,
    name,
    aliases: [],
    localAuthorities: las.map((n) => ({ ...(LAS[n] as { laCode: string; gssCode: string }), name: n })),
    regions: [],
    type: 'unknown',
    legalForm: 'unknown',
    memberSchoolUrns: [],
    phases: [],
    focusAreas: [],
    status: 'active',
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: '2026-11-01T00:00:00.000Z',
    crawlsUnseen: 0,
    provenance: {
      name: [
        {
          sourceUrl: 'https://news.example/schools-club-together',
          fetchedAt: '2026-11-01T00:00:00.000Z',
          sourceKind: 'third-party',
          excerpt: `words about ${name}`,
          extractorVersion: 'test',
        },
      ],
    },
    ...extra,
  } as PartnershipV1;
}

export function profile(name: string, roles: LocalAuthorityProfileV1['roles']): LocalAuthorityProfileV1 {
  return {
    kind: 'local-authority',
    ...(LAS[name] as { laCode: string; gssCode: string }),
    name,
    region: { code: 'E12000003', name: 'Yorkshire and The Humber' },
    roles,
    partnershipIds: [],
    pagesExamined: [],
    coverage: 'crawled',
    provenance: Object.fromEntries(
      roles.map((r) => [
        `roles.${r}`,
        [
          {
            sourceUrl: 'https://council.example/education',
            fetchedAt: '2026-11-01T00:00:00.000Z',
            sourceKind: 'council',
            excerpt: `the council is a ${r}`,
            extractorVersion: 'test',
          },
        ],
      ]),
    ),
  } as LocalAuthorityProfileV1;
}
