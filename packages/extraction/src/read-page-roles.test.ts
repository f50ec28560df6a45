import { describe, expect, it } from 'vitest';
import { read, roles } from './read-page.test-helper.ts';

describe('readPage: the LA of a council website', () => {
  it("takes a page on a council's own site (or a subdomain of it) as that council's", () => {
    const body =
      'Schools news\n\nOur school improvement team visits every maintained school each term. Rutland and Reading heads met.';
    expect(roles(read('https://traded.wokingham.gov.uk/news/1', body))).toEqual(['872=deliverer']);
    expect(roles(read('https://www.example-news.co.uk/n', body))).toEqual([]);
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

  it('reads a statement that goes on from a sentence about schools as about schools', () => {
    const obs = read(
      'https://www.example-news.co.uk/f',
      'News\n\nA new company will support schools across the county. Rutland County Council is investing in the company for its first three years. Headteachers welcomed the news.',
    );
    expect(roles(obs)).toEqual(['857=funder']);
  });

  it('reads no role into a possibility ("could be funded by the council")', () => {
    const obs = read(
      'https://www.example-news.co.uk/g',
      'News\n\nA new school improvement service for Rutland could be funded by Rutland County Council next year.',
    );
    expect(roles(obs)).toEqual([]);
  });

  it('reads "not" in a compound ("not-for-profit") as no negation', () => {
    const obs = read(
      'https://www.example-news.co.uk/e',
      'News\n\nThe partnership is a not-for-profit company set up by Rutland County Council and its schools.',
    );
    expect(roles(obs)).toEqual(['857=convener']);
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

  it("hears a spokesperson introduced as one council's for that council, on a page about several", () => {
    const body = (who: string) =>
      `Luton results\n\nIn Luton, results rose this year, and Luton heads were pleased; Bedford's fell. ${who} said the new money would help schools.\n\n"We will continue to support all the schools in the town to improve standards."`;
    const url = 'https://www.example-news.co.uk/h';
    // The page is about Luton; the spokesman speaks for Bedford.
    expect(roles(read(url, body('A Bedford Borough Council spokesman')))).toEqual(['822=deliverer']);
    expect(roles(read(url, body('A Luton Borough Council spokeswoman')))).toEqual(['821=deliverer']);
    expect(roles(read(url, body('A parent')))).toEqual([]);
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
