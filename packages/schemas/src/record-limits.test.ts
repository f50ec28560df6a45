import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_LIMITS as R } from './limits.ts';
import { LocalAuthorityProfileV1, PartnershipV1 } from './register.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', name), 'utf8'));
const partnership = fixture('register.updated.v1.json');
const profile = fixture('register.updated.v1.local-authority.json');
const source = partnership.provenance.name[0];
const la = partnership.localAuthorities[0];
const region = partnership.regions[0];
const urn = (i: number) => String(100000 + i);
const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
const url = (n: number) => `https://a.example/${'x'.repeat(n - 18)}`;
const school = { name: 'Ash Primary', match: 'exact', urn: '100001', sourceUrl: 'https://a.example/' };
const p = (fields: object) => ({ ...partnership, ...fields });
const l = (fields: object) => ({ ...profile, ...fields });

/** Each capped field of a record at its cap, one under and one past it: one past is refused. */
const cases: [string, (n: number) => unknown, number][] = [
  ['name length', (n) => p({ name: 'x'.repeat(n) }), R.name],
  ['aliases', (n) => p({ aliases: many(n, (i) => `Alias ${i}`) }), R.aliases],
  ['alias length', (n) => p({ aliases: ['x'.repeat(n)] }), R.name],
  ['description length', (n) => p({ description: 'x'.repeat(n) }), R.text],
  ['website length', (n) => p({ website: url(n) }), R.url],
  ['contactUrl length', (n) => p({ contactUrl: url(n) }), R.url],
  ['localAuthorities', (n) => p({ localAuthorities: many(n, () => la) }), R.localAuthorities],
  ['LA name length', (n) => p({ localAuthorities: [{ ...la, name: 'x'.repeat(n) }] }), R.name],
  ['regions', (n) => p({ regions: many(n, () => region) }), R.regions],
  ['memberSchoolUrns', (n) => p({ memberSchoolUrns: many(n, urn) }), R.memberSchoolUrns],
  ['memberSchools', (n) => p({ memberSchools: many(n, () => school) }), R.memberSchools],
  ['memberSchool name', (n) => p({ memberSchools: [{ ...school, name: 'x'.repeat(n) }] }), R.name],
  ['memberSchool sourceUrl', (n) => p({ memberSchools: [{ ...school, sourceUrl: url(n) }] }), R.url],
  [
    'memberSchool candidates',
    (n) => p({ memberSchools: [{ ...school, candidates: many(n, (i) => ({ urn: urn(i), name: 'A' })) }] }),
    R.candidates,
  ],
  ['phases', (n) => p({ phases: many(n, () => 'primary') }), R.phases],
  ['focusAreas', (n) => p({ focusAreas: many(n, (i) => `Area ${i}`) }), R.focusAreas],
  ['focusArea length', (n) => p({ focusAreas: ['x'.repeat(n)] }), R.name],
  [
    'provenance fields',
    (n) => p({ provenance: Object.fromEntries(many(n, (i) => [`f${i}`, [source]])) }),
    R.provenanceFields,
  ],
  ['provenance sources', (n) => p({ provenance: { name: many(n, () => source) } }), R.provenanceSources],
  ['provenance sourceUrl', (n) => p({ provenance: { name: [{ ...source, sourceUrl: url(n) }] } }), R.url],
  ['provenance reason', (n) => p({ provenance: { name: [{ ...source, reason: 'x'.repeat(n) }] } }), R.text],
  [
    'withdrawn reason',
    (n) => p({ withdrawn: { reason: 'x'.repeat(n), mergedInto: 'abep-00000000' } }),
    R.text,
  ],
  ['id length', (n) => p({ id: `abep-${'a'.repeat(n - 5)}` }), R.code],
  ['LA roles', (n) => l({ roles: many(n, () => 'funder') }), R.roles],
  ['LA partnershipIds', (n) => l({ partnershipIds: many(n, (i) => `abep-${urn(i)}00`) }), R.partnershipIds],
  [
    'LA pagesExamined',
    (n) => l({ pagesExamined: many(n, (i) => `https://a.example/${i}`) }),
    R.pagesExamined,
  ],
  ['LA page URL length', (n) => l({ pagesExamined: [url(n)] }), R.url],
  ['LA website length', (n) => l({ website: url(n) }), R.url],
  [
    'LA school phases',
    (n) =>
      l({ schools: { openStateSchools: 1, byPhase: Object.fromEntries(many(n, (i) => [`phase-${i}`, 1])) } }),
    R.schoolPhases,
  ],
];

const schemaOf = (value: unknown) =>
  (value as { kind: string }).kind === 'partnership' ? PartnershipV1 : LocalAuthorityProfileV1;

describe('register record size limits', () => {
  it.each(cases)('%s: the cap parses, one past it is refused', (_name, make, cap) => {
    for (const n of [cap - 1, cap]) expect(schemaOf(make(n)).safeParse(make(n)).error).toBeUndefined();
    for (const n of [cap + 1, cap * 10]) expect(schemaOf(make(n)).safeParse(make(n)).success).toBe(false);
  });

  it('states a byte limit under the bus limit of 1,000,000', () => {
    expect(R.recordBytes).toBeLessThan(1_000_000 - 1024);
  });
});
