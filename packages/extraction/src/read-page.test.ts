import { loadGazetteer, placesOf } from '@abep/gazetteer';
import type {
  LaRoleObservation,
  ObservationV1,
  PageExaminedObservation,
  PartnershipObservation,
} from '@abep/schemas';
import { ObservationV1 as ObservationSchema } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { readPage } from './read-page.ts';

const places = placesOf(loadGazetteer());

function read(url: string, body: string, laCode?: string): ObservationV1[] {
  const html = `<!doctype html><html><head><title>${body.split('\n')[0]}</title></head><body>${body
    .split('\n\n')
    .map((b) => `<p>${b.split('\n').join('<br>')}</p>`)
    .join('')}</body></html>`;
  const out = readPage(
    {
      url,
      finalUrl: url,
      html,
      fetchedAt: '2026-01-01T00:00:00Z',
      sha256: 'b'.repeat(64),
      crawlId: 'c-1',
      pipeline: 'sector-directories',
      ...(laCode ? { laCode } : {}),
    },
    places,
    { extractorVersion: 'test@1' },
  );
  for (const o of out) expect(ObservationSchema.safeParse(o).error).toBeUndefined();
  return out;
}
const named = (obs: ObservationV1[], name: string) =>
  obs.find((o): o is PartnershipObservation => o.kind === 'partnership' && o.fields.name.value === name);
const examined = (obs: ObservationV1[]) => obs.at(-1) as PageExaminedObservation;
const roles = (obs: ObservationV1[]) =>
  obs
    .filter((o): o is LaRoleObservation => o.kind === 'la-role')
    .flatMap((o) => o.roles.map((r) => `${o.laCode}=${r.value}`))
    .sort();

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

  it('reads a teaching school alliance as a look-alike', () => {
    const obs = read(
      'https://www.example-news.co.uk/b',
      'News\n\nRutland Teaching School Alliance is a group of teaching schools offering training.',
    );
    expect(named(obs, 'Rutland Teaching School Alliance')?.decision).toBe('lookalike');
  });
});

describe('readPage: the LA of a council website', () => {
  it("takes a page on a council's own site (or a subdomain of it) as that council's", () => {
    const body =
      'Schools news\n\nOur school improvement team visits every maintained school each term. Rutland and Reading heads met.';
    expect(roles(read('https://traded.wokingham.gov.uk/news/1', body))).toEqual(['872=deliverer']);
    expect(roles(read('https://www.example-news.co.uk/n', body))).toEqual([]);
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
    expect(page('www.hubbleview.com')).toBe('news');
    expect(page('www.trustedreviews-schools.com')).toBe('news');
  });
});

describe('readPage: LA roles, attributed to the right LA', () => {
  it('attributes a role to the LA its council phrase names', () => {
    const obs = read(
      'https://www.example-news.co.uk/c',
      'News\n\nThe partnership of schools is funded by Rutland County Council and by school subscriptions.',
    );
    expect(roles(obs)).toEqual(['857=funder']);
  });

  it('gives a statement about several councils to every LA it lists', () => {
    const obs = read(
      'https://www.example-news.co.uk/d',
      'News\n\nReading and Wokingham councils plan to merge their school improvement services for schools.',
    );
    expect(roles(obs)).toEqual(['870=deliverer', '872=deliverer']);
  });

  it("lets a council's own page speak of its team without naming itself", () => {
    const obs = read(
      'https://www.rutland.gov.uk/schools',
      'Schools\n\nOur school improvement team visits every maintained school each term.',
      '857',
    );
    expect(roles(obs)).toEqual(['857=deliverer']);
  });

  it('does not read delivery into a council that outsourced it', () => {
    const obs = read(
      'https://www.example-news.co.uk/e',
      'News\n\nRutland County Council outsourced its school improvement functions to a new company for schools.',
    );
    expect(roles(obs)).toEqual(['857=funder']);
  });

  it('reads a service transferred away as the council funding, not delivering, it', () => {
    const obs = read(
      'https://www.example-news.co.uk/x',
      'News\n\nRutland County Council’s school improvement service transferred to a new schools company in 2019. Rutland schools own the company.',
    );
    expect(roles(obs)).toEqual(['857=funder']);
  });

  it('lets a quoted councillor speak for the council, and nobody else', () => {
    const body = (who: string) =>
      `Rutland schools news\n\nRutland schools met on Monday. ${who} said: "Our school improvement team visits every school each term."`;
    expect(
      roles(
        read('https://www.example-news.co.uk/g', body('Cllr Jo Bloggs, cabinet member for schools,'), '857'),
      ),
    ).toEqual(['857=deliverer']);
    expect(roles(read('https://www.example-news.co.uk/g', body('A parent'), '857'))).toEqual([]);
  });

  it("lets a council's document copied onto a document site speak for the council", () => {
    const body = (title: string) =>
      `${title}\n\nRutland schools are at the heart of this. We will support schools to become good or better. Rutland pupils achieve well.`;
    expect(
      roles(read('https://www.docmirror.net/doc/1', body('Rutland Education Strategy 2020'), '857')),
    ).toEqual(['857=deliverer']);
    expect(roles(read('https://www.docmirror.net/doc/1', body('Rutland parents newsletter'), '857'))).toEqual(
      [],
    );
  });

  it('hears a council officer through the rest of a quotation they open', () => {
    const body = (who: string) =>
      `Rutland schools news\n\nRutland schools did well this year. ${who} said: “Results belong to the schools. It has been a busy year for everyone in the county.\n\n“Over two years we have worked to build a partnership of schools through our Education Board.”\n\nThe board meets again in June.`;
    const officer = 'Sam Lee, head of standards and learning at Rutland County Council,';
    expect(roles(read('https://www.example-news.co.uk/q', body(officer), '857'))).toEqual(['857=convener']);
    expect(roles(read('https://www.example-news.co.uk/q', body('Sam Lee, a parent,'), '857'))).toEqual([]);
  });

  it('reads "the two authorities" as the two LAs named just before', () => {
    const obs = read(
      'https://www.example-news.co.uk/t',
      'Neighbours\n\nReading broke away from Wokingham some years ago. Now the two councils work together for schools. Advisory services for schools are now provided jointly by the two authorities.',
    );
    expect(roles(obs)).toEqual(['870=deliverer', '872=deliverer']);
  });

  it('knows "The authority" at the start of a sentence as a council', () => {
    const obs = read(
      'https://www.example-news.co.uk/a',
      'Rutland inspection\n\nRutland schools were inspected. The authority’s school improvement service was praised by inspectors for its work with schools.',
      '857',
    );
    expect(roles(obs)).toEqual(['857=deliverer']);
  });

  it("takes a document whose cover gives a council's web address as the council's", () => {
    const body = (cover: string) =>
      `Better schools for every child\n\n${cover}\n\nRutland schools are at the heart of this. We will support schools to become good or better. Rutland pupils achieve well.`;
    expect(roles(read('https://www.docmirror.net/doc/2', body('www.rutland.gov.uk'), '857'))).toEqual([
      '857=deliverer',
    ]);
    expect(roles(read('https://www.docmirror.net/doc/2', body('www.rutland-parents.org.uk'), '857'))).toEqual(
      [],
    );
  });

  it("takes a place's own school improvement service, or the county's, as its council's", () => {
    const say = (sentence: string) =>
      roles(
        read('https://www.example-news.co.uk/p', `Schools\n\nSchools and pupils in the news. ${sentence}`),
      );
    expect(say('Rutland’s school improvement service was praised by inspectors.')).toEqual(['857=deliverer']);
    expect(say('Ofsted’s education team visited schools in Rutland.')).toEqual([]);
    expect(
      roles(
        read(
          'https://www.example-news.co.uk/p',
          'Rutland schools\n\nRutland schools did well. The county’s school improvement team visits each school.',
          '857',
        ),
      ),
    ).toEqual(['857=deliverer']);
  });

  it('skips statements about council services to schools that are not school improvement', () => {
    const say = (sentence: string) =>
      roles(
        read(
          'https://www.example-news.co.uk/s',
          `Rutland schools\n\nRutland schools and pupils. ${sentence}`,
          '857',
        ),
      );
    expect(say('Rutland County Council funds home to school transport for eligible pupils.')).toEqual([]);
    expect(say('Rutland County Council has invested £2m in new school buildings.')).toEqual([]);
    expect(say('Rutland County Council will support schools to reopen after the floods.')).toEqual([]);
    expect(say('Rutland County Council funds the partnership to raise standards in schools.')).toEqual([
      '857=funder',
    ]);
  });

  it('skips statements about other services', () => {
    const obs = read(
      'https://www.example-news.co.uk/f',
      'News\n\nThe bus service is funded by Rutland County Council.',
    );
    expect(roles(obs)).toEqual([]);
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
