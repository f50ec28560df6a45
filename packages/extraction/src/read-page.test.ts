import { describe, expect, it } from 'vitest';
import { examined, named, places, read } from './read-page.test-helper.ts';
import { readPage } from './read-page.ts';

describe('readPage: names the text uses as names', () => {
  it('publishes a place-named partnership a news page defines, as third-party evidence without a website', () => {
    const obs = read(
      'https://www.rutlandecho.co.uk/news/123',
      'Heads unite\n\nRutland Schools Partnership is a school-led company owned by its member schools.\n\nThe Rutland Schools Partnership runs peer review across the county.',
    );
    const p = named(obs, 'Rutland Schools Partnership');
    expect(p?.decision).toBe('abep');
    expect(p?.confidence).toBeGreaterThanOrEqual(0.6);
    expect(p?.source.sourceKind).toBe('third-party');
    expect(p?.fields.website).toBeUndefined();
    expect(p?.fields.areas?.map((a) => a.value)).toEqual(['Rutland']);
    expect(examined(obs).pageKind).toBe('news');
  });

  it('never runs a name across a line break', () => {
    const obs = read(
      'https://www.rutlandecho.co.uk/news/9',
      'News\n\nLearn Rutland\nThis week the partnership met.',
    );
    expect(named(obs, 'Learn Rutland')).toBeDefined();
    expect(obs.some((o) => o.kind === 'partnership' && /This/.test(o.fields.name.value))).toBe(false);
  });

  it('takes a place and "Learning" standing as a name for an education name, not a fragment of a longer one', () => {
    const text =
      'Rutland Learning\n\nRutland Learning is a partnership between schools and the council to promote school improvement. Rutland Learning works with every school in the county to improve outcomes.';
    const alone = named(read('https://www.example-news.co.uk/b', text), 'Rutland Learning');
    expect(alone?.decision).toBe('abep');
    expect(alone?.confidence).toBeGreaterThanOrEqual(0.6);
    const fragment = read(
      'https://www.example-news.co.uk/c',
      text.replaceAll('Rutland Learning', 'Rutland Learning Festival'),
    );
    expect(named(fragment, 'Rutland Learning')?.confidence ?? 0).toBeLessThan(0.6);
    const praised = (name: string) =>
      `Heads praised\n\n${name} and two other partnerships were praised in a report on local education. ${name} works with every school in the county to improve outcomes.`;
    expect(
      named(read('https://www.example-news.co.uk/d', praised('Rutland Learning')), 'Rutland Learning')
        ?.decision,
    ).toBe('abep');
    const tail = read('https://www.example-news.co.uk/d', praised('Transforming Rutland Learning (TRL)'));
    expect(named(tail, 'Rutland Learning')?.confidence ?? 0).toBeLessThan(0.6);
  });

  it('keeps a name without a place below the publishing threshold', () => {
    const obs = read(
      'https://www.example-news.co.uk/a',
      'News\n\nThe Riverside Learning Alliance is a partnership of schools. Riverside Learning Alliance works with heads.',
    );
    expect(named(obs, 'Riverside Learning Alliance')?.confidence).toBeLessThanOrEqual(0.5);
  });

  it('names a generic body the page sets up after the one LA it is about, keeping the words as an alias', () => {
    const obs = read(
      'https://www.rutlandecho.co.uk/news/77',
      'Schools in Rutland work together\n\nHead teachers in Rutland have set up a School Improvement Board which met this week.',
    );
    const p = named(obs, 'Rutland School Improvement Board');
    expect(p?.decision).toBe('abep');
    expect(p?.fields.aliases).toContain('School Improvement Board');
  });

  it('drops document words before the place and keeps an acronym as an alias', () => {
    const obs = read(
      'https://docs-mirror-pdf.net/doc/1',
      'Foreword Rutland Learning Partnership (RLP)\n\nThe RLP brings together every school in Rutland.',
    );
    const p = named(obs, 'Rutland Learning Partnership');
    expect(p?.fields.aliases).toEqual(['RLP']);
    expect(examined(obs).pageKind).toBe('directory-or-report');
  });

  it('names a body written with its place’s possessive by the place, keeping the words as written as an alias', () => {
    const obs = read(
      'https://www.example-news.co.uk/possessive',
      'News\n\nRutland’s Education Partnership brings together every school in Rutland to raise standards.',
    );
    expect(named(obs, 'Rutland Education Partnership')?.fields.aliases).toContain(
      'Rutland’s Education Partnership',
    );
  });

  it('names a partnership board as written, with the partnership it may govern as an alias', () => {
    const obs = read(
      'https://www.example-news.co.uk/board',
      'News\n\nThe Rutland Learning Partnership Board has been established with headteachers and governors to lead school improvement across Rutland.',
    );
    expect(named(obs, 'Rutland Learning Partnership Board')?.fields.aliases).toEqual([
      'Rutland Learning Partnership',
    ]);
  });

  it('reads a teaching school alliance as a look-alike', () => {
    const obs = read(
      'https://www.example-news.co.uk/b',
      'News\n\nRutland Teaching School Alliance is a group of teaching schools offering training.',
    );
    expect(named(obs, 'Rutland Teaching School Alliance')?.decision).toBe('lookalike');
  });
});

describe('readPage: page kind from the page', () => {
  it('takes an own page by its host spelling the name, and only there gives the website', () => {
    const obs = read(
      'https://www.rutlandschoolsalliance.org.uk/about',
      'About us\n\nRutland Schools Alliance brings together all schools in Rutland. We are owned by our member schools and we lead school improvement.',
    );
    const p = named(obs, 'Rutland Schools Alliance');
    expect(examined(obs).pageKind).toBe('own-site');
    expect(p?.source.sourceKind).toBe('own-site');
    expect(p?.fields.website?.value).toBe('https://www.rutlandschoolsalliance.org.uk/');
  });

  it('takes a council page by its host whatever pipeline fetched it', () => {
    const obs = read(
      'https://democracy.rutland.gov.uk/item/1',
      'Report\n\nRESOLVED: That the report be noted.',
    );
    expect(examined(obs).pageKind).toBe('council');
  });

  it('takes a first-person page that never names its body by the kind of body its host names', () => {
    const page = (host: string, text: string) =>
      examined(read(`https://${host}/about`, `About\n\n${text}`)).pageKind;
    const we = 'We support schools across the area with training and peer review for headteachers.';
    expect(page('www.rutlandteachingschool.org.uk', we)).toBe('lookalike');
    expect(page('www.rutlandpartnership.org.uk', we)).toBe('own-site');
  });

  it('takes a third-person page on a host named for its body as that body’s, and only there', () => {
    const page = (host: string) =>
      examined(
        read(`https://${host}/about`, 'About\n\nSchools across the area share training and peer review.'),
      ).pageKind;
    expect(page('www.rutlandpartnership.org.uk')).toBe('own-site');
    expect(page('rutlandtsa.co.uk')).toBe('lookalike');
    expect(page('www.rutland.ac.uk')).toBe('lookalike');
    expect(page('www.hubbleview.com')).not.toBe('own-site');
    expect(page('www.trustedreviews-schools.com')).not.toBe('own-site');
  });

  it('takes a page about schools on a host that names nothing as news by an article address, else a look-alike', () => {
    const page = (url: string) =>
      examined(read(url, 'About\n\nSchools across the area share training and peer review.')).pageKind;
    expect(page('https://www.hubbleview.com/2019/05/schools-share-training/')).toBe('news');
    expect(page('https://www.hubbleview.com/news/schools-share')).toBe('news');
    expect(page('https://www.hubbleview.com/local/schools-in-the-area-share-their-training')).toBe('news');
    expect(page('https://www.oakfieldprimary.co.uk/about/partners')).toBe('news');
    expect(page('https://www.hubbleview.com/about-us')).toBe('lookalike');
  });

  it('takes such a page that keeps naming the council as a council portal, and a page outside England as unrelated', () => {
    const text =
      'About\n\nThe local authority works with all schools. The council’s team and the LA’s advisers support headteachers.';
    expect(examined(read('https://www.rutlandgrid.org.uk/about-us', text)).pageKind).toBe('council');
    expect(examined(read('https://education.example.gov.au/schools', text)).pageKind).toBe('unrelated');
  });
});

describe('readPage: bounded on hostile pages', () => {
  it('reads deeply nested markup in one linear pass', () => {
    const deep = `${'<div>'.repeat(5000)}Rutland Schools Partnership is a partnership of schools.${'</div>'.repeat(5000)}`;
    const out = readPage(
      {
        url: 'https://x.example/',
        finalUrl: 'https://x.example/',
        html: `<html><body>${deep}</body></html>`,
        fetchedAt: '2026-01-01T00:00:00Z',
        sha256: 'b'.repeat(64),
        crawlId: 'c-1',
        pipeline: 'sector-directories',
      },
      places,
      { extractorVersion: 'test@1' },
    );
    expect(out.at(-1)?.kind).toBe('page-examined');
  });
});

describe('readPage: former names', () => {
  it('keeps a former name the text gives as an alias', () => {
    const obs = read(
      'https://www.rutlandecho.co.uk/news/5',
      'News\n\nRutland Learning Partnership (formerly Rutland Schools Forum Group) is a partnership of all schools in Rutland.',
    );
    expect(named(obs, 'Rutland Learning Partnership')?.fields.aliases).toEqual([
      'Rutland Schools Forum Group',
    ]);
  });
});

describe('readPage: a body that says what it is only in its own voice', () => {
  it("reads a look-alike's newsletter on a document mirror as the look-alike's", () => {
    const page = (story: string) =>
      read(
        'https://www.docmirror.net/doc/7',
        `Spring newsletter\n\nWelcome to the third edition of the Rutland Partnership for Learning newsletter. Share your news with us and we will include it.\n\n${story} We have worked together on training and we thank our schools.`,
      );
    const tsa = named(
      page(
        'A year ago Oakham Infant School was designated as a Teaching School and our alliance was formed.',
      ),
      'Rutland Partnership for Learning',
    );
    expect(tsa?.decision).toBe('lookalike');
    const other = named(
      page('A year ago our schools agreed to work together on peer review.'),
      'Rutland Partnership for Learning',
    );
    expect(other?.decision).not.toBe('lookalike');
  });
});

describe('readPage: the LA name a generic name takes', () => {
  it("prefers the LA's own name to a short form written as often", () => {
    const obs = read(
      'https://www.example-news.co.uk/h',
      'Schools join forces\n\nSchools and colleges across Blackburn with Darwen will meet every few months. Members include Blackburn College. The newly launched alliance, called the Education Improvement Partnership, shares the workload between schools.',
    );
    expect(named(obs, 'Blackburn with Darwen Education Improvement Partnership')).toBeDefined();
  });
});

describe('readPage: two-place names', () => {
  it('keeps both places of "Learn X and Y"', () => {
    const obs = read(
      'https://www.example-news.co.uk/g',
      'News\n\nLearn Rutland and Peterborough is a partnership of schools.',
    );
    expect(named(obs, 'Learn Rutland and Peterborough')).toBeDefined();
  });
});

describe('readPage: member schools', () => {
  it("lists the member schools an own site's members page names", () => {
    const url = 'https://www.rutlandschoolsalliance.org.uk/our-schools';
    const html =
      '<html><head><title>Our schools</title></head><body><p>Rutland Schools Alliance brings together all schools in Rutland. We are owned by our members.</p><h2>Our schools</h2><ul><li>Oakham Church of England Primary School</li><li>Uppingham Community College</li></ul></body></html>';
    const out = readPage(
      {
        url,
        finalUrl: url,
        html,
        fetchedAt: '2026-01-01T00:00:00Z',
        sha256: 'b'.repeat(64),
        crawlId: 'c-1',
        pipeline: 'partnership-sites',
      },
      places,
      { extractorVersion: 'test@1' },
    );
    const p = named(out, 'Rutland Schools Alliance');
    expect(p?.fields.memberSchools?.map((m) => (typeof m === 'string' ? m : m.value))).toEqual([
      'Oakham Church of England Primary School',
      'Uppingham Community College',
    ]);
  });
});

describe('readPage: hyphenated hosts', () => {
  it('takes an own page whose hyphenated host spells the name', () => {
    const obs = read(
      'https://www.rutland-schools-alliance.org.uk/',
      'Home\n\nRutland Schools Alliance brings together all schools in Rutland. We are owned by our member schools.',
    );
    expect(examined(obs).pageKind).toBe('own-site');
  });
});
