import { readFileSync } from 'node:fs';
import { loadGazetteer } from '@abep/gazetteer';
import {
  LocalAuthorityProfileV1,
  type MemberSchool,
  PartnershipV1,
  type Provenance,
  RECORD_LIMITS as R,
} from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { boundRecord } from './bound-record.ts';
import { partnershipObs } from './fixtures.ts';
import { normaliseBatch } from './normalise-batch.ts';
import { createRegisterState } from './register-state.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../packages/schemas/fixtures/${name}`, import.meta.url), 'utf8'));
const partnership: PartnershipV1 = fixture('register.updated.v1.json');
const profile: LocalAuthorityProfileV1 = fixture('register.updated.v1.local-authority.json');
const source = partnership.provenance.name?.[0] as Provenance;
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
const url = (n: number, i = 0) => `https://a.example/${i}/`.padEnd(n, 'x');
const school = (i: number, sourceUrl = 'https://a.example/'): MemberSchool => ({
  name: `School ${i}`,
  match: 'exact',
  urn: String(100000 + i),
  sourceUrl,
});

/** [field, record with n entries (or chars), size of what the bounded record kept, cap]. */
type Case = [string, (n: number) => PartnershipV1 | LocalAuthorityProfileV1, (r: never) => number, number];
const p = (fields: Partial<PartnershipV1>) => ({ ...partnership, ...fields });
const l = (fields: Partial<LocalAuthorityProfileV1>) => ({ ...profile, ...fields });
const cases: Case[] = [
  ['name', (n) => p({ name: 'x'.repeat(n) }), (r: PartnershipV1) => r.name.length, R.name],
  [
    'aliases',
    (n) => p({ aliases: many(n, (i) => `A ${i}`) }),
    (r: PartnershipV1) => r.aliases.length,
    R.aliases,
  ],
  ['alias', (n) => p({ aliases: ['x'.repeat(n)] }), (r: PartnershipV1) => r.aliases[0]?.length ?? 0, R.name],
  [
    'description',
    (n) => p({ description: 'x'.repeat(n) }),
    (r: PartnershipV1) => r.description?.length ?? 0,
    R.text,
  ],
  [
    'localAuthorities',
    (n) => p({ localAuthorities: many(n, () => partnership.localAuthorities[0] as never) }),
    (r: PartnershipV1) => r.localAuthorities.length,
    R.localAuthorities,
  ],
  [
    'memberSchoolUrns',
    (n) => p({ memberSchoolUrns: many(n, (i) => String(100000 + i)) }),
    (r: PartnershipV1) => r.memberSchoolUrns.length,
    R.memberSchoolUrns,
  ],
  [
    'memberSchools',
    (n) => p({ memberSchools: many(n, (i) => school(i)) }),
    (r: PartnershipV1) => r.memberSchools?.length ?? 0,
    R.memberSchools,
  ],
  [
    'candidates',
    (n) =>
      p({ memberSchools: [{ ...school(1), candidates: many(n, (i) => ({ urn: '100001', name: `${i}` })) }] }),
    (r: PartnershipV1) => r.memberSchools?.[0]?.candidates?.length ?? 0,
    R.candidates,
  ],
  [
    'focusAreas',
    (n) => p({ focusAreas: many(n, (i) => `F ${i}`) }),
    (r: PartnershipV1) => r.focusAreas.length,
    R.focusAreas,
  ],
  [
    'provenance sources',
    (n) => p({ provenance: { name: many(n, () => source) } }),
    (r: PartnershipV1) => r.provenance.name?.length ?? 0,
    R.provenanceSources,
  ],
  [
    'provenance fields',
    (n) => p({ provenance: Object.fromEntries(many(n, (i) => [`f${i}`, [source]])) }),
    (r: PartnershipV1) => Object.keys(r.provenance).length,
    R.provenanceFields,
  ],
  [
    'provenance reason',
    (n) => p({ provenance: { name: [{ ...source, reason: 'x'.repeat(n) }] } }),
    (r: PartnershipV1) => r.provenance.name?.[0]?.reason?.length ?? 0,
    R.text,
  ],
  [
    'LA pagesExamined',
    (n) => l({ pagesExamined: many(n, (i) => `https://a.example/${i}`) }),
    (r: LocalAuthorityProfileV1) => r.pagesExamined.length,
    R.pagesExamined,
  ],
  [
    'LA partnershipIds',
    (n) => l({ partnershipIds: many(n, (i) => `abep-${100000 + i}00`) }),
    (r: LocalAuthorityProfileV1) => r.partnershipIds.length,
    R.partnershipIds,
  ],
];

const parse = (r: PartnershipV1 | LocalAuthorityProfileV1) =>
  (r.kind === 'partnership' ? PartnershipV1 : LocalAuthorityProfileV1).safeParse(r);

describe('boundRecord: records trimmed to RECORD_LIMITS', () => {
  it.each(cases)(
    '%s: sizes around the cap keep min(n, cap), with a note only past it',
    (name, make, size, cap) => {
      for (const n of [cap - 1, cap, cap + 1, cap * 10]) {
        const truncated: string[] = [];
        const before = make(n);
        expect(parse(before).success).toBe(n <= cap);
        const bounded = boundRecord(before, truncated);
        expect(parse(bounded).error, `${name} ${n}`).toBeUndefined();
        expect((size as (r: unknown) => number)(bounded)).toBe(Math.min(n, cap));
        expect(truncated.length > 0, `${name} ${n}: ${truncated.join('; ')}`).toBe(n > cap);
      }
    },
  );

  it('drops URLs over the limit rather than cutting them', () => {
    const truncated: string[] = [];
    const long = url(R.url + 1);
    const bounded = boundRecord(
      p({
        website: long,
        contactUrl: url(R.url),
        memberSchools: [school(1, long), school(2)],
        provenance: { website: [{ ...source, sourceUrl: long }], name: [source] },
      }),
      truncated,
    );
    expect(parse(bounded).error).toBeUndefined();
    expect(bounded.website).toBeUndefined();
    expect(bounded.contactUrl).toBe(url(R.url));
    expect(bounded.memberSchools?.map((s) => s.name)).toEqual(['School 2']);
    expect(Object.keys(bounded.provenance)).toEqual(['name']);
    expect(truncated).toContain(`website over ${R.url} chars 1→0`);
  });

  it('sheds member schools, then later provenance sources, until the record is under recordBytes', () => {
    for (const count of [100, 1000, R.memberSchools]) {
      const truncated: string[] = [];
      const big = p({
        memberSchools: many(count, (i) => school(i, url(R.url, i))),
        memberSchoolUrns: many(count, (i) => String(100000 + i)),
        provenance: { name: many(R.provenanceSources, (i) => ({ ...source, sourceUrl: url(R.url, i) })) },
      });
      const bounded = boundRecord(big, truncated);
      expect(parse(bounded).error).toBeUndefined();
      expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(R.recordBytes);
      expect(bounded.memberSchoolUrns).toHaveLength(count);
      expect(truncated.some((t) => t.startsWith('memberSchools (record over'))).toBe(count >= 100);
    }
  });

  it('sheds pages examined from an LA profile over recordBytes', () => {
    const truncated: string[] = [];
    const bounded = boundRecord(l({ pagesExamined: many(R.pagesExamined, (i) => url(R.url, i)) }), truncated);
    expect(parse(bounded).error).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(bounded))).toBeLessThanOrEqual(R.recordBytes);
    expect(bounded.pagesExamined.length).toBeGreaterThan(0);
    expect(truncated.some((t) => t.startsWith('pagesExamined (record over'))).toBe(true);
  });

  it('a record leaves the same when nothing is over', () => {
    const truncated: string[] = [];
    expect(boundRecord(partnership, truncated)).toEqual(partnership);
    expect(boundRecord(profile, truncated)).toEqual(profile);
    expect(truncated).toEqual([]);
  });
});

describe('normaliseBatch: a partnership gathered from many pages stays within its caps', () => {
  const gazetteer = loadGazetteer();
  it.each([1, 2, 3, 6])('%i pages of 50 aliases each', (pages) => {
    const observations = many(pages, (i) =>
      partnershipObs({
        url: `https://www.example-lp.org.uk/page-${i}`,
        name: 'Example Learning Partnership',
        website: 'https://www.example-lp.org.uk/',
        areas: ['Manchester'],
        extra: { aliases: many(50, (j) => `Alias ${i} ${j}`) },
      }),
    );
    const result = normaliseBatch(observations, [], gazetteer, createRegisterState(), {});
    const [record] = result.records;
    expect(result.records).toHaveLength(1);
    expect(record?.aliases).toHaveLength(Math.min(50 * pages, R.aliases));
    expect(result.truncated).toEqual(
      50 * pages > R.aliases
        ? [{ key: `partnership:${record?.id}`, cuts: [`aliases ${50 * pages}→${R.aliases}`] }]
        : [],
    );
  });
});
