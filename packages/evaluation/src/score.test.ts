import { describe, expect, it } from 'vitest';
import { belowFloor } from './format-report.ts';
import { parseLabels } from './labels.ts';
import { type ScoreInput, score } from './score.ts';
import { LABEL_TEXTS, profile, record } from './test-support/fixtures.ts';

const labels = parseLabels(LABEL_TEXTS, 'fixture');
const urls = labels.pages.map((p) => p.url);

function run(over: Partial<ScoreInput> = {}) {
  return score({
    labels,
    corpusUrls: urls,
    undecodable: [],
    partnerships: [],
    candidates: [],
    localAuthorities: [],
    examined: [],
    ...over,
  });
}

describe('score: partnerships', () => {
  const published = [
    record('1', 'Riverton Learning Partnership', ['Leeds'], {
      website: 'https://www.riverton-learning.example/',
      companyNumber: '01234567',
      foundedYear: 2016,
      memberCount: 25,
      legalForm: 'company-limited-by-guarantee',
    }),
    record('2', 'RLP', ['York']),
    record('3', 'Hillside Schools Alliance', ['York', 'Leeds']),
    record('4', 'Upper Vale Heads Group', ['Leeds']),
    record('5', 'Oakham Academy Trust', ['Leeds']),
    record('6', 'Home Page', []),
  ];
  const report = run({
    partnerships: published,
    candidates: [record('7', 'Meadow Cross Collaborative', ['Leeds'], { confidence: 0.3 })],
  });
  const p = report.partnerships;

  it('counts hits, duplicates, look-alikes and unmatched records against precision, borderline as neither', () => {
    expect(p).toMatchObject({ published: 6, hits: 2, duplicates: 1, lookalikesPublished: 1, unmatched: 1 });
    expect(p.borderlineMatched).toBe(1);
    expect(report.explain.borderlineRecords.map((r) => r.why)).toEqual([
      expect.stringMatching(/^borderline: /),
    ]);
    expect(p.precision).toBeCloseTo(2 / 5);
  });

  it('recall is over non-borderline ABEP labels; candidates count only in the "including candidates" figure', () => {
    expect(p.labelledAbeps).toBe(3);
    expect(p.recall).toBeCloseTo(2 / 3);
    expect(p.recallIncludingCandidates).toBe(1);
    expect(report.explain.misses.map((m) => [m.labelId, m.candidate?.id])).toEqual([['T4', 'abep-00000007']]);
  });

  it('takes the record whose LAs fit as the hit and the other as the duplicate', () => {
    const duplicate = report.explain.wrongRecords.find((w) => w.why.startsWith('duplicate'));
    expect(duplicate?.name).toBe('RLP');
    expect(p.laAttribution).toEqual({ exact: 0.5, overlap: 1 });
    expect(report.explain.wrongFacts.map((w) => w.name)).toEqual([
      'Hillside Schools Alliance',
      'Riverton Learning Partnership',
    ]);
  });

  it('scores each field where label and record both state it', () => {
    expect(report.fields.website).toMatchObject({ right: 1, stated: 1, labelled: 1 });
    expect(report.fields.companyNumber).toMatchObject({ right: 1, stated: 1 });
    expect(report.fields.foundedYear).toMatchObject({ right: 0, stated: 1, labelled: 1 });
    expect(report.fields.memberCount).toMatchObject({ right: 1, stated: 1 });
    expect(report.fields.legalForm).toMatchObject({ right: 1, stated: 1 });
    expect(report.fields.wrongWebsite).toBe(0);
  });

  it('a website on another host is wrong', () => {
    const r = run({
      partnerships: [
        record('1', 'Riverton Learning Partnership', ['Leeds'], { website: 'https://news.example/' }),
      ],
    });
    expect(r.fields.website.right).toBe(0);
    expect(r.fields.wrongWebsite).toBe(1);
  });

  it('limits recall to labels on the pages given', () => {
    const r = run({ corpusUrls: ['https://riverton-learning.example/about'] });
    expect(r.partnerships.labelledAbeps).toBe(1);
    expect(r.corpus.labelledPagesMissing).toHaveLength(3);
  });
});

describe('score: LA roles and page kinds', () => {
  it('compares distinct (LA, role) pairs from pages.csv and la-roles.csv', () => {
    const r = run({ localAuthorities: [profile('Leeds', ['convener', 'deliverer']), profile('York', [])] });
    expect(r.laRoles).toMatchObject({ published: 2, labelled: 3, right: 1 });
    expect(r.laRoles.precision).toBe(0.5);
    expect(r.explain.wrongRoles.map((w) => `${w.la}=${w.role}`)).toEqual(['Leeds=deliverer']);
    expect(r.explain.missedRoles.map((w) => `${w.la}=${w.role}`).sort()).toEqual([
      'Leeds=funder',
      'York=deliverer',
    ]);
  });

  it('scores page kinds exactly and in four groups; an unexamined page counts as wrong', () => {
    const r = run({
      examined: [
        { url: 'https://riverton-learning.example/about', pageKind: 'own-site' },
        { url: 'https://news.example/schools-club-together', pageKind: 'directory-or-report' },
        { url: 'https://council.example/education', pageKind: 'council' },
      ],
    });
    expect(r.pageKinds).toMatchObject({ labelled: 4, exact: 2, grouped: 3, noKind: 1 });
    expect(r.corpus.notExamined).toEqual(['https://trust.example/']);
  });
});

describe('belowFloor', () => {
  const report = run({ partnerships: [record('1', 'Riverton Learning Partnership', ['Leeds'])] });

  it('names each figure below its floor; n/a is below any positive floor', () => {
    expect(report.figures.precision).toBe(1);
    expect(belowFloor(report, { precision: 0.9, recall: 0.5 })).toEqual([
      { figure: 'recall', value: 1 / 3, floor: 0.5 },
    ]);
    expect(belowFloor(report, { laRolePrecision: 0.1 })).toHaveLength(1);
    expect(belowFloor(report, { laRolePrecision: 0 })).toHaveLength(0);
  });

  it('refuses an unknown figure', () => {
    expect(() => belowFloor(report, { precission: 0.5 }, 'floor.json')).toThrow(
      /floor.json: "precission" is not a figure/,
    );
  });
});
