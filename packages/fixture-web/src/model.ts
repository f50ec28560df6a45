import type { FixtureLa } from './local-authorities.ts';
import { createRandom, type Random } from './random.ts';

type Layout = 'classic' | 'mega-menu' | 'minimal';
type PartnershipKind = 'learn' | 'education-partnership' | 'schools-alliance' | 'la-board' | 'cic';

export interface FixturePartnership {
  id: string;
  name: string;
  kind: PartnershipKind;
  host: string;
  laCodes: string[];
  type: 'schools-led' | 'joint-with-la' | 'la-coordinated';
  legalForm:
    | 'company-limited-by-guarantee'
    | 'charitable-company'
    | 'council-board'
    | 'community-interest-company';
  companyNumber?: string;
  charityNumber?: string;
  companyNumberInFooter: boolean;
  jsonLd: boolean;
  foundedYear: number;
  memberSchools: string[];
  focusAreas: string[];
}

export interface FixtureLookalike {
  name: string;
  type: 'multi-academy-trust' | 'teaching-school-hub';
  laCode: string;
  /** Own site, for the trusts. */
  host?: string;
}

export interface FixtureCouncil {
  la: FixtureLa;
  slug: string;
  host: string;
  layout: Layout;
  partnershipId?: string;
  lookalikes: FixtureLookalike[];
  schools: { name: string; phase: string; ward: string }[];
  newsCount: number;
  meetings: string[];
  services: string[];
}

export interface FixtureModel {
  seed: number;
  councils: FixtureCouncil[];
  partnerships: FixturePartnership[];
  lookalikes: FixtureLookalike[];
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const SAINTS = [
  'St Mary',
  'St John',
  'St Peter',
  'St Anne',
  'Holy Trinity',
  'St Joseph',
  'All Saints',
  'St Michael',
];
const WARDS = [
  'Northfield',
  'Parkside',
  'Church End',
  'Riverside',
  'Westbrook',
  'Hillcrest',
  'Oakwood',
  'Marsh Lane',
];
const SERVICES = ['bins-and-recycling', 'council-tax', 'parking', 'libraries', 'planning', 'housing'];
const FOCUS = [
  'reading and early literacy',
  'maths mastery',
  'SEND and inclusion',
  'leadership development',
  'attendance',
  'curriculum design',
  'disadvantaged pupils',
];

function schoolsFor(rng: Random, place: string, count: number) {
  const schools: { name: string; phase: string; ward: string }[] = [];
  const used = new Set<string>();
  while (schools.length < count) {
    const ward = rng.pick(WARDS);
    const kind = rng.int(0, 5);
    const name =
      kind === 0
        ? `${rng.pick(SAINTS)}'s CE Primary School`
        : kind === 1
          ? `${ward} Primary School`
          : kind === 2
            ? `${place} ${ward} Academy`
            : kind === 3
              ? `${ward} Community School`
              : kind === 4
                ? `${ward} Nursery School`
                : `${rng.pick(SAINTS)}'s Catholic High School`;
    if (used.has(name)) continue;
    used.add(name);
    const phase = /Nursery/.test(name)
      ? 'Nursery'
      : /High|Academy|Community/.test(name)
        ? 'Secondary'
        : 'Primary';
    schools.push({ name, phase, ward });
  }
  return schools;
}

const KINDS: {
  kind: PartnershipKind;
  name: (p: string) => string;
  type: FixturePartnership['type'];
  legalForm: FixturePartnership['legalForm'];
}[] = [
  {
    kind: 'learn',
    name: (p) => `Learn ${p}`,
    type: 'schools-led',
    legalForm: 'company-limited-by-guarantee',
  },
  {
    kind: 'education-partnership',
    name: (p) => `${p} Education Partnership`,
    type: 'joint-with-la',
    legalForm: 'company-limited-by-guarantee',
  },
  {
    kind: 'schools-alliance',
    name: (p) => `${p} Schools Alliance`,
    type: 'schools-led',
    legalForm: 'charitable-company',
  },
  {
    kind: 'la-board',
    name: (p) => `${p} School Improvement Board`,
    type: 'la-coordinated',
    legalForm: 'council-board',
  },
  {
    kind: 'cic',
    name: (p) => `${p} Schools Together`,
    type: 'joint-with-la',
    legalForm: 'community-interest-company',
  },
];

/** Picks `count` real LAs and decides, from the seed alone, which mention which partnership. */
export function buildModel(
  las: readonly FixtureLa[],
  options: { seed: number; count: number },
): FixtureModel {
  const rng = createRandom(options.seed);
  const chosen = rng.shuffle(las.filter((la) => la.laCode && la.name)).slice(0, options.count);
  chosen.sort((a, b) => a.laCode.localeCompare(b.laCode));
  const layouts: Layout[] = ['classic', 'mega-menu', 'minimal'];
  const councils: FixtureCouncil[] = chosen.map((la, i) => ({
    la,
    slug: slugify(la.name),
    host: `www.${slugify(la.name)}.test`,
    layout: layouts[i % layouts.length] as Layout,
    lookalikes: [],
    schools: schoolsFor(rng, la.name, rng.int(6, 14)),
    newsCount: rng.int(2, 6),
    meetings: Array.from({ length: rng.int(2, 4) }, (_v, m) => `2024-${String(3 + m * 3).padStart(2, '0')}`),
    services: rng.shuffle(SERVICES).slice(0, rng.int(2, 4)),
  }));

  const partnerships: FixturePartnership[] = [];
  const free = rng.shuffle(councils.map((_c, i) => i));
  const withPartnership = Math.round(councils.length * 0.4);
  let joint = 0;
  for (let n = 0; n < withPartnership && free.length > 0; n++) {
    const first = councils[free.shift() as number] as FixtureCouncil;
    const spec = KINDS[n % KINDS.length] as (typeof KINDS)[number];
    const members = [first];
    if (joint < 3 && spec.kind !== 'la-board') {
      const neighbourAt = free.findIndex((i) => councils[i]?.la.region === first.la.region);
      if (neighbourAt >= 0) {
        members.push(councils[free.splice(neighbourAt, 1)[0] as number] as FixtureCouncil);
        joint++;
      }
    }
    const place = members.map((c) => c.la.name).join(' and ');
    const name = spec.name(place);
    const id = `p-${slugify(name)}`;
    const company = spec.legalForm !== 'council-board';
    partnerships.push({
      id,
      name,
      kind: spec.kind,
      host: `www.${slugify(name)}.test`,
      laCodes: members.map((c) => c.la.laCode),
      type: spec.type,
      legalForm: spec.legalForm,
      ...(company ? { companyNumber: String(rng.int(7_000_000, 13_999_999)).padStart(8, '0') } : {}),
      ...(spec.legalForm === 'charitable-company'
        ? { charityNumber: String(rng.int(1_100_000, 1_199_999)) }
        : {}),
      companyNumberInFooter: company && rng.chance(0.6),
      jsonLd: rng.chance(0.5),
      foundedYear: rng.int(2012, 2021),
      memberSchools: members.flatMap((c) => c.schools.map((s) => s.name)).slice(0, 12),
      focusAreas: rng.shuffle(FOCUS).slice(0, 3),
    });
    for (const c of members) c.partnershipId = id;
  }

  const lookalikes: FixtureLookalike[] = [];
  for (const council of councils) {
    if (rng.chance(0.18)) {
      const name = `${council.la.name} Learning Partnership`;
      const mat: FixtureLookalike = {
        name,
        type: 'multi-academy-trust',
        laCode: council.la.laCode,
        host: `www.${slugify(name)}.test`,
      };
      council.lookalikes.push(mat);
      lookalikes.push(mat);
    }
    if (rng.chance(0.2)) {
      const hub: FixtureLookalike = {
        name: `${council.la.name} Teaching School Hub`,
        type: 'teaching-school-hub',
        laCode: council.la.laCode,
      };
      council.lookalikes.push(hub);
      lookalikes.push(hub);
    }
  }
  return { seed: options.seed, councils, partnerships, lookalikes };
}

export function councilPaths(c: FixtureCouncil): string[] {
  return [
    '/',
    '/education',
    '/education/schools',
    '/education/school-improvement',
    '/council/committee-papers',
    ...c.meetings.map((m) => `/council/committee-papers/${m}`),
    '/news',
    ...Array.from({ length: c.newsCount }, (_v, i) => `/news/${i + 1}`),
    ...c.services.map((s) => `/services/${s}`),
    '/contact',
  ];
}

export const PARTNERSHIP_PATHS = ['/', '/about', '/members', '/governance', '/contact'];
export const TRUST_PATHS = ['/', '/about', '/our-academies'];
