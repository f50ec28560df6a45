import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';

const PROV = (url: string) => [
  {
    sourceUrl: url,
    fetchedAt: '2026-11-20T10:00:00.000Z',
    sourceKind: 'own-site' as const,
    extractorVersion: 'test-1',
  },
];

/** A valid partnership; `i` varies id, name and LAs so many can be made. */
export function partnership(i: number, overrides: Partial<PartnershipV1> = {}): PartnershipV1 {
  const id = `abep-${i.toString(36).padStart(8, '0')}`;
  const las = [
    { laCode: '202', gssCode: 'E09000007', name: 'Camden' },
    { laCode: '352', gssCode: 'E08000003', name: 'Manchester' },
    { laCode: '926', gssCode: 'E10000020', name: 'Norfolk' },
  ];
  const la = las[i % las.length] as (typeof las)[number];
  return {
    kind: 'partnership',
    id,
    name: `Partnership ${i}, "Learning" Trust`,
    aliases: i % 2 ? [`P${i}`] : [],
    website: `https://p${i}.example.org/`,
    description: i % 5 === 0 ? 'Line one\nline two, with a comma' : undefined,
    localAuthorities: i % 7 === 0 ? [la, las[(i + 1) % las.length] as (typeof las)[number]] : [la],
    regions: [{ code: 'E12000007', name: 'London' }],
    type: 'schools-led',
    legalForm: 'company-limited-by-guarantee',
    companyNumber: '01234567',
    foundedYear: 2000 + (i % 25),
    memberCount: 10 + (i % 40),
    memberSchoolUrns: ['100000', '100001'],
    phases: ['primary', 'secondary'],
    focusAreas: ['school improvement'],
    status: 'active',
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: '2026-11-20T10:00:00.000Z',
    crawlsUnseen: 0,
    provenance: {
      name: PROV(`https://p${i}.example.org/about`),
      localAuthorities: PROV(`https://p${i}.example.org/`),
    },
    ...overrides,
  } as PartnershipV1;
}

export function profile(
  laCode: string,
  gssCode: string,
  name: string,
  overrides: Partial<LocalAuthorityProfileV1> = {},
): LocalAuthorityProfileV1 {
  return {
    kind: 'local-authority',
    laCode,
    gssCode,
    name,
    region: { code: 'E12000007', name: 'London' },
    roles: ['convener', 'funder'],
    partnershipIds: [],
    pagesExamined: [`https://www.${name.toLowerCase()}.gov.uk/schools`],
    coverage: 'crawled',
    lastCrawled: '2026-11-20T10:00:00.000Z',
    provenance: { roles: PROV(`https://www.${name.toLowerCase()}.gov.uk/school-improvement`) },
    ...overrides,
  };
}
