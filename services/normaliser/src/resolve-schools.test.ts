import { createSchoolGazetteer } from '@abep/gazetteer';
import { describe, expect, it } from 'vitest';
import { memberMentionsOf, resolveMemberSchools } from './resolve-schools.ts';

// SYNTHETIC TEST INPUT: invented schools in invented LA codes 990/991.
const schools = createSchoolGazetteer({
  establishments: [
    { urn: '990001', name: 'Oakwood Primary School', laCode: '990', phase: 'Primary', status: 'Open' },
    {
      urn: '990002',
      name: "St Aldhelm's Church of England Primary School",
      laCode: '990',
      phase: 'Primary',
      status: 'Open',
    },
    {
      urn: '990003',
      name: "St Aldhelm's Catholic Primary School",
      laCode: '990',
      phase: 'Primary',
      status: 'Open',
    },
    { urn: '991001', name: 'Thornfield Academy', laCode: '991', phase: 'Secondary', status: 'Open' },
  ],
  openSchools: [
    { urn: '990001', name: 'Oakwood Primary School' },
    { urn: '990002', name: "St Aldhelm's Church of England Primary School" },
    { urn: '990003', name: "St Aldhelm's Catholic Primary School" },
    { urn: '991001', name: 'Thornfield Academy' },
  ],
  links: [],
});

describe('resolveMemberSchools', () => {
  const url = 'https://riverton-learning.example/our-schools';
  const mentions = memberMentionsOf(
    [
      { value: 'Oakwood Primary', excerpt: 'Our schools: Oakwood Primary' },
      "St Aldhelm's Primary",
      'Thornfield Academy',
      'Oakwod Primary School',
    ],
    (n) => n.trim(),
  );

  it('resolves within the LAs, keeps an ambiguous name with its candidates, and carries evidence', () => {
    const members = resolveMemberSchools([{ sourceUrl: url, memberSchools: mentions }], ['990'], schools);
    expect(members).toEqual([
      expect.objectContaining({ name: 'Oakwod Primary School', match: 'fuzzy', urn: '990001' }),
      {
        name: 'Oakwood Primary',
        match: 'variant',
        urn: '990001',
        giasName: 'Oakwood Primary School',
        laCode: '990',
        phase: 'primary',
        sourceUrl: url,
        excerpt: 'Our schools: Oakwood Primary',
      },
      {
        name: "St Aldhelm's Primary",
        match: 'ambiguous',
        candidates: [
          { urn: '990002', name: "St Aldhelm's Church of England Primary School" },
          { urn: '990003', name: "St Aldhelm's Catholic Primary School" },
        ],
        sourceUrl: url,
      },
      { name: 'Thornfield Academy', match: 'unresolved', sourceUrl: url },
    ]);
  });

  it('looks in every LA of the partnership', () => {
    const members = resolveMemberSchools(
      [{ sourceUrl: url, memberSchools: mentions }],
      ['990', '991'],
      schools,
    );
    expect(members.find((m) => m.name === 'Thornfield Academy')).toMatchObject({
      match: 'exact',
      urn: '991001',
    });
  });
});
