import { describe, expect, it } from 'vitest';
import { loadGazetteer } from './gazetteer.ts';

const gaz = loadGazetteer();
const code = (text: string) => gaz.resolveLa(text)?.laCode;

describe('loadGazetteer', () => {
  it('has the 153 LAs with codes, names, regions and websites', () => {
    expect(gaz.localAuthorities).toHaveLength(153);
    expect(new Set(gaz.localAuthorities.map((la) => la.laCode)).size).toBe(153);
    const manchester = gaz.byLaCode('352');
    expect(manchester).toMatchObject({ gssCode: 'E08000003', officialName: 'Manchester City Council' });
    expect(manchester?.region.name).toBe('North West');
    expect(manchester?.centroid?.lat).toBeGreaterThan(53);
    expect(gaz.byLaCode('370')?.formerGssCodes).toEqual(['E08000016']);
    expect(gaz.regions).toHaveLength(9);
  });
});

describe('laOfHost', () => {
  it('finds the LA whose own website a host is on, subdomains included, and nothing for other hosts', () => {
    expect(gaz.laOfHost('www.rutland.gov.uk')?.laCode).toBe('857');
    expect(gaz.laOfHost('democracy.rutland.gov.uk')?.laCode).toBe('857');
    expect(gaz.laOfHost('RUTLAND.GOV.UK.')?.laCode).toBe('857');
    expect(gaz.laOfHost('rutland.example.org')).toBeUndefined();
    expect(gaz.laOfHost('notrutland.gov.uk')).toBeUndefined();
    expect(gaz.laOfHost('gov.uk')).toBeUndefined();
  });
});

describe('resolveLa', () => {
  it.each([
    ['Manchester City Council', '352'],
    ['Manchester', '352'],
    ['City of Bristol', '801'],
    ['Bristol, City of', '801'],
    ['Bristol', '801'],
    ['Bristol City Council', '801'],
    ['Hull', '810'],
    ['Kingston upon Hull', '810'],
    ['Kingston-upon-Hull', '810'],
    ['Hull City Council', '810'],
    ['Herefordshire', '884'],
    ['County of Herefordshire', '884'],
    ['Herefordshire, County of', '884'],
    ['St Helens', '342'],
    ['St. Helens', '342'],
    ['st helens council', '342'],
    ['Brighton and Hove', '846'],
    ['Brighton & Hove', '846'],
    ['Royal Borough of Greenwich', '203'],
    ['Royal Borough of Kensington and Chelsea', '207'],
    ['London Borough of Hammersmith & Fulham', '205'],
    ['Hammersmith and Fulham', '205'],
    ['STOKE-ON-TRENT', '861'],
    ['Stoke on Trent City Council', '861'],
    ['Lancashire County Council', '888'],
    ['Westmorland & Furness', '943'],
    ['Telford & Wrekin Council', '894'],
    ['County Durham', '840'],
    ['Council of the Isles of Scilly', '420'],
    ['City of London', '201'],
    ['352', '352'],
    ['E08000003', '352'],
    ['e06000065', '815'],
    ['E10000023', '815'],
    ['E08000016', '370'],
    ['E06000048', '929'],
  ])('%s → %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('does not resolve places that are not one LA', () => {
    expect(code('London')).toBeUndefined();
    expect(code('Yorkshire')).toBeUndefined();
    expect(code('Cumbria')).toBeUndefined();
    expect(code('999')).toBeUndefined();
    expect(code('Canterbury')).toBeUndefined();
  });

  it('returns the LaRef shape records use', () => {
    expect(gaz.resolveLa('Hull')).toEqual({
      laCode: '810',
      gssCode: 'E06000010',
      name: 'Kingston upon Hull, City of',
    });
  });
});

describe('successorsOf', () => {
  const codes = (text: string) => gaz.successorsOf(text).map((la) => la.laCode);
  it('splits Cumbria into Cumberland and Westmorland and Furness', () => {
    expect(codes('909')).toEqual(['942', '943']);
    expect(codes('Cumbria')).toEqual(['942', '943']);
    expect(codes('Cumbria County Council')).toEqual(['942', '943']);
    expect(codes('E10000006')).toEqual(['942', '943']);
  });
  it('follows the other reorganisations', () => {
    expect(codes('928')).toEqual(['940', '941']);
    expect(codes('Bedfordshire')).toEqual(['822', '823']);
    expect(codes('Cheshire')).toEqual(['895', '896']);
    expect(codes('Bournemouth')).toEqual(['839']);
    expect(codes('Poole')).toEqual(['839']);
    expect(codes('E10000009')).toEqual(['838']);
    expect(codes('E10000023')).toEqual(['815']);
    expect(codes('Durham')).toEqual(['840']);
    expect(codes('E10000022')).toEqual(['929']);
    expect(codes('Cornwall and Isles of Scilly')).toEqual(['420', '908']);
    expect(codes('E08000016')).toEqual(['370']);
  });
  it('is empty for current LAs and unknown names', () => {
    expect(codes('Manchester')).toEqual([]);
    expect(codes('Atlantis')).toEqual([]);
  });
});

describe('findLaMentions', () => {
  const found = (text: string) => gaz.findLaMentions(text).map((m) => m.la.laCode);
  it('finds every LA named in prose, in order, with the words used', () => {
    const mentions = gaz.findLaMentions(
      'The partnership works with Manchester City Council, Stockport and schools in Brighton & Hove.',
    );
    expect(mentions.map((m) => [m.la.laCode, m.text])).toEqual([
      ['352', 'Manchester City Council'],
      ['356', 'Stockport'],
      ['846', 'Brighton & Hove'],
    ]);
  });
  it('takes the longest name', () => {
    expect(found('Schools in Kingston upon Hull and Kingston upon Thames')).toEqual(['810', '314']);
    expect(found('County Durham and North Yorkshire')).toEqual(['840', '815']);
  });
  it('makes no false hits inside other words or places', () => {
    expect(found('A trust in Canterbury')).toEqual([]);
    expect(found('Derbyshire schools')).toEqual(['830']);
    expect(found('North Yorkshire and New York')).toEqual(['815']);
    expect(found('Greater Manchester and Bury St Edmunds')).toEqual([]);
    expect(found('we bury the hatchet while reading')).toEqual([]);
    expect(found('Derby and York')).toEqual(['831', '816']);
  });
  it('reads possessives as the name', () => {
    expect(found("Kent's schools and Scilly’s only school")).toEqual(['886', '420']);
    expect(gaz.findLaMentions('Riverton and Leeds’ partnership')[0]?.text).toBe('Leeds');
  });
  it('knows short forms in everyday use', () => {
    expect(found('Stockton, Redcar and Hartlepool')).toEqual(['808', '807', '805']);
    expect(found('schools in Herts, Bucks and Glos')).toEqual(['919', '825', '916']);
    expect(found('the herts way')).toEqual([]);
  });
});

describe('teaching school hubs', () => {
  it('lists the 87 hubs with their LA codes', () => {
    expect(gaz.teachingSchoolHubs).toHaveLength(87);
    expect(gaz.teachingSchoolHubs.find((h) => h.code === 'EE10')?.laCodes).toEqual(['926', '935']);
  });
  it('recognises hub names', () => {
    expect(gaz.isTeachingSchoolHub('SAFFRON teaching-school hub')).toBe(true);
    expect(gaz.isTeachingSchoolHub('Anywhere Teaching School Hub')).toBe(true);
    expect(gaz.isTeachingSchoolHub('Saffron Education Partnership')).toBe(false);
  });
});

describe('geometry', () => {
  it('loads 153 boundary features joined by LA code', async () => {
    const geo = await gaz.geometry();
    expect(geo.features).toHaveLength(153);
    expect(new Set(geo.features.map((f) => f.properties.la_code))).toEqual(
      new Set(gaz.localAuthorities.map((la) => la.laCode)),
    );
  });
});
