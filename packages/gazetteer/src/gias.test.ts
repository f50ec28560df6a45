import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir.ts';
import { loadGazetteer } from './gazetteer.ts';
import { createEstablishmentLinks } from './gias-links.ts';
import { loadSchoolIndex } from './gias-schools.ts';

// SYNTHETIC TEST INPUT: invented rows in the real GIAS column layout (a subset of its columns), Windows-1252.
// These are not real schools and must never be published.
const SYNTHETIC_GIAS = [
  'URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,EstablishmentStatus (name),PhaseOfEducation (name),Postcode,SchoolWebsite',
  '900001,352,Manchester,2001,Synthetic St Thomas à Becket C of E Primary School,Open,Primary,ZZ1 1ZZ,www.example.invalid',
  '900002,352,Manchester,2002,"Synthetic Academy, The",Closed,Secondary,ZZ1 1ZZ,',
  '900003,352,Manchester,2003,Synthetic Academy,Open,Secondary,ZZ1 1ZZ,',
  '900004,353,Oldham,2004,Synthetic Academy,Open,Secondary,ZZ1 1ZZ,',
  '900005,353,Oldham,2005,Twin School,Open,Primary,ZZ1 1ZZ,',
  '900006,353,Oldham,2006,Twin School,Open,Primary,ZZ1 1ZZ,',
].join('\r\n');

describe('loadSchoolIndex (GIAS establishment extract)', () => {
  const load = () => loadSchoolIndex(Readable.from([iconv.encode(SYNTHETIC_GIAS, 'win1252')]));

  it('decodes Windows-1252 and reads the real column names', async () => {
    const index = await load();
    expect(index.size).toBe(6);
    expect(index.get('900001')).toMatchObject({
      laCode: '352',
      name: 'Synthetic St Thomas à Becket C of E Primary School',
      status: 'Open',
      phase: 'Primary',
      website: 'www.example.invalid',
    });
  });

  it('resolves a school by name within its LA, tolerating wording', async () => {
    const index = await load();
    expect(index.resolveSchool('Synthetic St. Thomas a Becket CE Primary', '352')).toBe('900001');
    expect(index.resolveSchool('Synthetic Academy', '352')).toBe('900003');
    expect(index.resolveSchool('Synthetic Academy', '353')).toBe('900004');
    expect(index.resolveSchool('Synthetic Academy', '354')).toBeUndefined();
    expect(index.resolveSchool('Twin School', '353')).toBeUndefined();
  });
});

describe('establishment links', () => {
  it('follows successor chains and stops on cycles and splits', () => {
    const links = createEstablishmentLinks([
      { urn: '100001', linkUrn: '100002', linkType: 'Successor' },
      { urn: '100002', linkUrn: '100003', linkType: 'Successor - merged' },
      { urn: '100002', linkUrn: '100001', linkType: 'Predecessor' },
      { urn: '200001', linkUrn: '200002', linkType: 'Successor' },
      { urn: '200002', linkUrn: '200001', linkType: 'Successor' },
      { urn: '300001', linkUrn: '300002', linkType: 'Successor - Split School' },
      { urn: '400001', linkUrn: '400002', linkType: 'Successor' },
      { urn: '400001', linkUrn: '400003', linkType: 'Successor' },
    ]);
    expect(links.currentUrn('100001')).toBe('100003');
    expect(links.currentUrn('200001')).toBe('200002');
    expect(links.currentUrn('300001')).toBe('300001');
    expect(links.currentUrn('400001')).toBe('400001');
    expect(links.currentUrn('999999')).toBe('999999');
  });

  it('reads the GIAS links file in the reference data', async () => {
    const links = await loadGazetteer().establishmentLinks();
    const [sample] = (await import('node:fs'))
      .readFileSync(`${defaultDataDir()}/gias-establishment-links.csv`, 'utf8')
      .split('\n')
      .filter((l) => /,Successor,/.test(l));
    const [urn, linkUrn] = (sample ?? '').split(',');
    expect(links.successorsOf(urn ?? '')).toContain(linkUrn);
  });
});
