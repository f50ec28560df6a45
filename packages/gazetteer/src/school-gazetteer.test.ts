import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchoolGazetteer, loadSchoolGazetteer } from './school-gazetteer.ts';
import { schoolNameKeys, withoutPlaceSuffix } from './school-name-variants.ts';

// SYNTHETIC TEST INPUT: invented schools in two invented LAs (codes 990/991); not real, never published.
const lists = {
  establishments: [
    {
      urn: '990001',
      name: "St Aldhelm's Church of England Primary School",
      laCode: '990',
      phase: 'Primary',
      status: 'Open',
    },
    {
      urn: '990002',
      name: "St Aldhelm's Catholic Primary School",
      laCode: '990',
      phase: 'Primary',
      status: 'Open',
    },
    { urn: '990003', name: 'Quarrybank Infant School', laCode: '990', phase: 'Primary', status: 'Open' },
    { urn: '990004', name: 'Quarrybank Junior School', laCode: '990', phase: 'Primary', status: 'Open' },
    {
      urn: '990005',
      name: 'Thornfield Community High School',
      laCode: '990',
      phase: 'Secondary',
      status: 'Closed',
    },
    { urn: '990006', name: 'Thornfield Academy', laCode: '990', phase: 'Secondary', status: 'Open' },
    { urn: '990007', name: 'Larkspur Primary School', laCode: '990', phase: 'Primary', status: 'Open' },
    { urn: '990008', name: 'Larkspur Primary School', laCode: '990', phase: 'Primary', status: 'Open' },
    { urn: '991001', name: 'Marshgate Primary School', laCode: '991', phase: 'Primary', status: 'Open' },
    { urn: '991002', name: 'Belmont Primary School', laCode: '991', phase: 'Primary', status: 'Open' },
    { urn: '991003', name: 'Independent Prep', laCode: '991', phase: 'Not applicable', status: 'Open' },
  ],
  openSchools: [
    { urn: '990001', name: "St Aldhelm's Church of England Primary School", town: 'Westbury' },
    { urn: '990002', name: "St Aldhelm's Catholic Primary School", town: 'Westbury' },
    { urn: '990003', name: 'Quarrybank Infant School', town: 'Westbury' },
    { urn: '990004', name: 'Quarrybank Junior School', town: 'Westbury' },
    { urn: '990006', name: 'Thornfield Academy', town: 'Westbury' },
    { urn: '990007', name: 'Larkspur Primary School', town: 'Westbury' },
    { urn: '990008', name: 'Larkspur Primary School', town: 'Eastbury' },
    { urn: '991001', name: 'Marshgate Primary School', town: 'Northam' },
    { urn: '991002', name: 'Belmont Primary School', town: 'Northam' },
    { urn: '999001', name: 'Marshgate Primary Academy', town: 'Northam' },
  ],
  links: [
    { urn: '990005', linkUrn: '990006', linkType: 'Successor' },
    { urn: '990006', linkUrn: '990005', linkType: 'Predecessor' },
    { urn: '999001', linkUrn: '991001', linkType: 'Predecessor' },
  ],
};
const g = createSchoolGazetteer(lists);
const urnOf = (name: string, la = '990') => {
  const m = g.match(name, [la]);
  return m.status === 'resolved' ? `${m.urn} ${m.kind}` : m.status;
};

describe('school name keys', () => {
  it('treats church, saint, and, apostrophe and school-type wording as variants', () => {
    const key = schoolNameKeys("St. Aldhelm's C of E Primary School").variant;
    expect(schoolNameKeys('Saint Aldhelms Church of England Primary Academy').variant).toBe(key);
    expect(schoolNameKeys('The St Aldhelms CE Primary').variant).toBe(key);
    expect(schoolNameKeys('Holy Cross R.C. J & I School').variant).toBe(
      schoolNameKeys('Holy Cross Roman Catholic Junior and Infant School').variant,
    );
    expect(schoolNameKeys('Oakwood Infant School').variant).not.toBe(
      schoolNameKeys('Oakwood Junior School').variant,
    );
  });
  it('drops a trailing place only when it is one of the given places', () => {
    expect(withoutPlaceSuffix('Larkspur Primary School, Westbury', ['Westbury'])).toBe(
      'Larkspur Primary School',
    );
    expect(withoutPlaceSuffix('Larkspur Primary School (Westbury)', ['Westbury'])).toBe(
      'Larkspur Primary School',
    );
    expect(withoutPlaceSuffix('Larkspur Primary School', ['Westbury'])).toBeUndefined();
  });
});

describe('matching a school within LAs', () => {
  it('resolves exact, then variant, then fuzzy', () => {
    expect(urnOf("St Aldhelm's Church of England Primary School")).toBe('990001 exact');
    expect(urnOf('St Aldhelms C of E Primary')).toBe('990001 variant');
    expect(urnOf('Saint Aldhelm’s RC Primary Academy')).toBe('990002 variant');
    expect(urnOf('Quarrybank Infants')).toBe('990003 variant');
    expect(urnOf('Qaurrybank Junior School')).toBe('990004 fuzzy');
  });
  it('keeps ambiguous names unresolved, with their candidates', () => {
    expect(g.match("St Aldhelm's Primary School", ['990'])).toEqual({
      status: 'ambiguous',
      kind: 'variant',
      candidates: [
        { urn: '990001', name: "St Aldhelm's Church of England Primary School" },
        { urn: '990002', name: "St Aldhelm's Catholic Primary School" },
      ],
    });
    expect(urnOf('Larkspur Primary School')).toBe('ambiguous');
    expect(urnOf('Quarrybank')).toBe('ambiguous');
  });
  it('strips a trailing town the LA has', () => {
    expect(urnOf('Marshgate Primary Academy, Northam', '991')).toBe('999001 exact');
  });
  it('never matches a different phase or a different word by fuzziness', () => {
    expect(urnOf('Quarrybank Nursery School')).toBe('unresolved');
    expect(urnOf('Belmore Primary School', '991')).toBe('unresolved');
    expect(urnOf('Marshgate Primary School', '990')).toBe('unresolved');
  });
  it('follows a closed school to its successor and says so', () => {
    const m = g.match('Thornfield Community High School', ['990']);
    expect(m).toMatchObject({ status: 'resolved', urn: '990006', viaUrn: '990005' });
  });
  it('gives a newer URN the LA and phase of its predecessor', () => {
    expect(g.school('999001')).toMatchObject({ laCode: '991', phase: 'primary', openState: true });
  });
  it('counts open state schools by LA and phase, leaving out closed and non-state rows', () => {
    expect(g.countsByLa().get('990')).toEqual({ total: 7, byPhase: { primary: 6, secondary: 1 } });
    expect(g.countsByLa().get('991')).toEqual({ total: 3, byPhase: { primary: 3 } });
  });
});

describe('bad input', () => {
  it('names the file and the column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schools-'));
    expect(() => loadSchoolGazetteer(dir)).toThrow(/gias-establishments-2024-06-17\.csv is missing/);
    writeFileSync(join(dir, 'gias-establishments-2024-06-17.csv'), 'urn,name\n100000,X\n');
    expect(() => loadSchoolGazetteer(dir)).toThrow(
      /gias-establishments-2024-06-17\.csv has no column "establishment_name"/,
    );
  });
});
