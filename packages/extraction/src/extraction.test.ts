import { describe, expect, it } from 'vitest';
import { placeFromName } from './areas.ts';
import { classifyPartnership } from './classify.ts';
import {
  extractCompanyNumber,
  extractFoundedYear,
  extractMemberCount,
  extractPartnershipType,
} from './fields.ts';
import { footerText, loadHtml, mainText } from './html.ts';
import { findOrganisationNames } from './mentions.ts';
import { observationId } from './observation-id.ts';
import { excerptAround, splitSentences } from './text.ts';

describe('text helpers', () => {
  it('keeps an excerpt within 300 characters and around the match', () => {
    const text = `${'lorem ipsum '.repeat(60)}established in 2014 ${'dolor sit '.repeat(60)}`;
    const excerpt = excerptAround(text, 'established in 2014');
    expect(excerpt.length).toBeLessThanOrEqual(300);
    expect(excerpt).toContain('established in 2014');
  });

  it('does not split sentences at abbreviations', () => {
    expect(splitSentences('Contact Dr. Smith at the Partnership Ltd. today. It opened in 2019.')).toEqual([
      'Contact Dr. Smith at the Partnership Ltd. today.',
      'It opened in 2019.',
    ]);
  });

  it('drops navigation, footer and scripts from the main text', () => {
    const $ = loadHtml(
      '<nav>Bins</nav><main><p>School improvement</p><script>x()</script></main><footer>Copyright</footer>',
    );
    expect(mainText($)).toBe('School improvement');
  });
});

describe('identification', () => {
  it('names the look-alike type with the cue that fired', () => {
    const result = classifyPartnership({
      name: 'Riverside Learning Partnership',
      context: 'Riverside Learning Partnership is a multi-academy trust of six academies.',
    });
    expect(result).toMatchObject({ decision: 'lookalike', lookalikeType: 'multi-academy-trust' });
    expect(result.reason).toContain('multi-academy trust');
  });

  it('knows partnerships whose remit is not school improvement by their names', () => {
    const context = 'It works with all schools in Anytown to improve outcomes for children.';
    const cases: [string, string][] = [
      ['Anytown Safeguarding Children Partnership', 'other'],
      ['Anytown Community Safety Partnership', 'other'],
      ["Anytown Children and Young People's Partnership", 'other'],
      ['Anytown Early Help Partnership', 'other'],
      ['Anytown Youth Partnership', 'other'],
      ['Anytown SCITT Partnership', 'other'],
      ['Anytown Early Years Partnership', 'other'],
      ['Anytown 14-19 Partnership', 'other'],
      ['Anytown Adult Learning Partnership', 'other'],
      ['Anytown Education Business Partnership', 'sport-culture-skills-partnership'],
      ['Anytown English Hub', 'national-programme'],
      ['Anytown Excellence in Cities Partnership', 'national-programme'],
      ['Anytown Education Action Zone', 'national-programme'],
    ];
    for (const [name, type] of cases)
      expect(classifyPartnership({ name, context }), name).toMatchObject({
        decision: 'lookalike',
        lookalikeType: type,
      });
    for (const name of [
      'Anytown Education Partnership',
      'Anytown Schools Alliance',
      'Anytown Learning Partnership',
    ])
      expect(
        classifyPartnership({ name, context: `${context} The partnership is school-led.` }).decision,
        name,
      ).toBe('abep');
  });

  it('takes a partnership of state and independent schools as an independent–state partnership', () => {
    for (const context of [
      'The Anytown Learning Partnership links twelve schools, nine state and three independent.',
      'A partnership of independent and state schools in the town.',
    ])
      expect(classifyPartnership({ name: 'Anytown Learning Partnership', context }), context).toMatchObject({
        decision: 'lookalike',
        lookalikeType: 'independent-state-partnership',
      });
  });

  it('takes a teaching partnership with a lead school, or a body named as a teaching school hub, as a look-alike', () => {
    for (const [name, context] of [
      [
        'Anytown Teaching Partnership',
        'The Anytown Teaching Partnership supports schools across the county.',
      ],
      [
        'Anytown Learning Partnership',
        'The Anytown Learning Partnership works with The Oak School as its lead school.',
      ],
      ['Anytown Education Partnership', 'Teaching School Hub - Anytown Education Partnership, AEP.'],
    ] as const)
      expect(classifyPartnership({ name, context }).decision, context).toBe('lookalike');
  });

  it('takes a consultancy engaged by a council as a look-alike', () => {
    for (const context of [
      'Anytown Partnership were engaged by the local authority to review its school improvement strategy.',
      'Anytown Partnership is an independent education consultancy working with councils.',
    ])
      expect(classifyPartnership({ name: 'Anytown Partnership', context }).decision, context).toBe(
        'lookalike',
      );
  });

  it('identifies a school-led partnership for an area', () => {
    const result = classifyPartnership({
      name: 'Anytown Education Partnership',
      context: 'The school-led partnership for all schools in Anytown.',
    });
    expect(result.decision).toBe('abep');
  });

  it('ends a name before a month or day ("… Partnership in April") and keeps a generic part after "and"', () => {
    expect(
      findOrganisationNames('It worked with the Anytown School Improvement Partnership in April, 2011.'),
    ).toEqual(['Anytown School Improvement Partnership']);
    expect(findOrganisationNames('The Anytown Learning and Community Partnership met.')).toEqual([
      'Anytown Learning and Community Partnership',
    ]);
  });

  it('finds two organisations joined by "and" but keeps place names with "and" whole', () => {
    expect(
      findOrganisationNames(
        'The Foo Schools Partnership and Bar Maths Hub met the Brighton and Hove Careers Hub.',
      ),
    ).toEqual(['Foo Schools Partnership', 'Bar Maths Hub', 'Brighton and Hove Careers Hub']);
  });

  it('finds a name without a head noun when the text defines it as a partnership of schools', () => {
    expect(findOrganisationNames('Octant, the partnership of the town’s schools, met today.')).toContain(
      'Octant',
    );
    expect(findOrganisationNames('Blue Orbit is a school-led alliance of 40 schools in the city.')).toContain(
      'Blue Orbit',
    );
    expect(findOrganisationNames('Ofsted, the inspectorate for schools, visited.')).toEqual([]);
    expect(
      findOrganisationNames(
        'It is led by Anytown and Northvale Education Partnership, a partnership of local schools.',
      ),
    ).toEqual(['Anytown and Northvale Education Partnership']);
    expect(findOrganisationNames('Octant, the company that sells software to schools.')).toEqual([]);
  });

  it('counts being defined as a partnership of schools as a cue', () => {
    const result = classifyPartnership({
      name: 'Octant',
      context: 'Octant is a school-led partnership of 40 schools in Anytown.',
    });
    expect(result.decision).toBe('abep');
    expect(result.reason).toContain('a partnership of schools');
  });

  it('finds names ending in the other words partnerships of schools go by', () => {
    expect(
      findOrganisationNames(
        'The Anytown Family of Schools, the Anytown Learning Community, the Anytown Schools Cluster, the Anytown Schools Company, the Anytown Schools Co-operative and the Anytown Headteachers Association met.',
      ),
    ).toEqual([
      'Anytown Family of Schools',
      'Anytown Learning Community',
      'Anytown Schools Cluster',
      'Anytown Schools Company',
      'Anytown Schools Co-operative',
      'Anytown Headteachers Association',
    ]);
  });

  it('finds a "Community of Schools"', () => {
    expect(
      findOrganisationNames('Islington Community of Schools met; a community of schools is a group.'),
    ).toEqual(['Islington Community of Schools']);
  });

  it('keeps a count word that is part of a name, and a diocese name with its head noun', () => {
    const places = (t: string) => (t.startsWith('Leeds') ? [{ index: 0, text: 'Leeds' }] : []);
    expect(findOrganisationNames('Three Rivers Teaching School Hub trains teachers.', places)).toEqual([
      'Three Rivers Teaching School Hub',
    ]);
    expect(findOrganisationNames('Two Leeds Learning Partnerships met.', places)).toEqual([
      'Leeds Learning Partnerships',
    ]);
    expect(
      findOrganisationNames('The Diocese of Leeds Schools Partnership supports schools.', places),
    ).toEqual(['Diocese of Leeds Schools Partnership']);
  });
});

describe('partnerships named for several areas, and boards', () => {
  it('finds a Learn name for two places, a council-convened board and a "Schools Together" name', () => {
    expect(
      findOrganisationNames(
        'The council commissions Learn Oldham and Rochdale, a school-led company.\nThe council convenes the Anytown School Improvement Board.\nKirklees and Calderdale Schools Together is a company.',
      ),
    ).toEqual([
      'Learn Oldham and Rochdale',
      'Anytown School Improvement Board',
      'Kirklees and Calderdale Schools Together',
    ]);
  });

  it('identifies a council-convened school improvement board as an ABEP', () => {
    const result = classifyPartnership({
      name: 'Anytown School Improvement Board',
      context:
        "The council convenes the Anytown School Improvement Board, which brings headteachers, governors and officers together. The board is supported by the council's school improvement team.",
    });
    expect(result.decision).toBe('abep');
  });

  it('reads "a trust of N academies" as a multi-academy trust', () => {
    const result = classifyPartnership({
      name: 'Anytown Learning Partnership',
      context: 'Anytown Learning Partnership is a trust of seven academies working together.',
    });
    expect(result).toMatchObject({ decision: 'lookalike', lookalikeType: 'multi-academy-trust' });
  });

  it('counts "every school in" the area and founding by headteachers as ABEP cues', () => {
    const result = classifyPartnership({
      name: 'Anytown Education Partnership',
      context: 'Headteachers set up the partnership, which brings together every school in Anytown.',
    });
    expect(result.decision).toBe('abep');
  });

  it('reads every place in a name joined by "and" as its area', () => {
    expect(placeFromName('Kirklees and Calderdale Schools Together')).toBe('Kirklees and Calderdale');
  });

  it('counts a board made up of headteachers as a school-led cue, not a board that merely meets them', () => {
    const governed = classifyPartnership({
      name: 'Anytown Schools Alliance',
      context: 'The board of directors includes elected headteachers from each phase.',
    });
    expect(governed.decision).toBe('abep');
    const meets = classifyPartnership({
      name: 'Anytown Schools Alliance',
      context: 'The board meets headteachers every term.',
    });
    expect(meets.decision).toBe('unclear');
  });
});

describe('field extractors', () => {
  it('pads a 7-digit company number to 8 characters', () => {
    expect(extractCompanyNumber('Registered in England and Wales No. 7712345')?.value).toBe('07712345');
  });

  it('reads founding years and member counts stated in prose, not years as counts', () => {
    expect(extractFoundedYear('It has been running since September 2019.')?.value).toBe(2019);
    expect(extractFoundedYear('The partnership came into being in 1994 with twelve schools.')?.value).toBe(
      1994,
    );
    expect(extractMemberCount('It launched in 2023 and 85 schools have joined.')?.value).toBe(85);
  });

  it('reads member counts in words and membership totals, but not "one of" or percentages', () => {
    expect(extractMemberCount('Seventy schools have signed up to the partnership.')?.value).toBe(70);
    expect(extractMemberCount('Membership is open to all and currently stands at 104.')?.value).toBe(104);
    expect(extractMemberCount('It works with one of the local schools.')).toBeUndefined();
    expect(extractMemberCount('Membership of the scheme stands at 95% of schools.')).toBeUndefined();
  });

  it('reads "led by our N member schools" as schools-led and a council-chaired partnership as LA-coordinated', () => {
    expect(extractPartnershipType('We are led by our 67 member schools.')?.value).toBe('schools-led');
    expect(
      extractPartnershipType("The partnership is chaired by the council's Director of Education.")?.value,
    ).toBe('la-coordinated');
  });

  it('keeps footer lines apart so a company number ends at its last digit', () => {
    const $ = loadHtml('<footer><p>Foo Ltd, company no. 11345678</p><p>Privacy</p></footer>');
    expect(extractCompanyNumber(footerText($))?.value).toBe('11345678');
  });
});

describe('observationId', () => {
  it('is deterministic per url, page and name, and differs by name', () => {
    const a = observationId('https://x.test/', 'a'.repeat(64), 'Foo Partnership');
    expect(observationId('https://x.test/', 'a'.repeat(64), 'foo partnership ')).toBe(a);
    expect(observationId('https://x.test/', 'a'.repeat(64), 'Bar Partnership')).not.toBe(a);
  });
});
