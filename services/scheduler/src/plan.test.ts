import { loadGazetteer } from '@abep/gazetteer';
import { pipelines } from '@abep/pipelines';
import type { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { buildPlan, parseUrlList } from './plan.ts';

const gazetteer = loadGazetteer();
const context = { gazetteer, pipelines };

function errorOf(fn: () => unknown): AbepError {
  try {
    fn();
  } catch (err) {
    return err as AbepError;
  }
  throw new Error('expected an error');
}

describe('buildPlan', () => {
  it('seeds a national crawl from every LA website', () => {
    const plan = buildPlan({}, context);
    const councils = plan.seeds.filter((s) => s.pipeline === 'la-websites');
    expect(councils.length).toBe(gazetteer.localAuthorities.filter((la) => la.website).length);
    expect(councils.length).toBeGreaterThan(140);
    expect(plan.pipelines).toEqual(pipelines.map((p) => p.name));
  });

  it('narrows to one LA by name or DfE code', () => {
    const byName = buildPlan({ la: ['Sheffield'], pipeline: ['la-websites'] }, context);
    expect(byName.seeds).toEqual([expect.objectContaining({ laCode: '373', pipeline: 'la-websites' })]);
    expect(buildPlan({ la: ['373'], pipeline: ['la-websites'] }, context).seeds).toEqual(byName.seeds);
  });

  it('names the option and the fix for an unknown LA or pipeline', () => {
    const la = errorOf(() => buildPlan({ la: ['Narnia'] }, context));
    expect(la.code).toBe('CONFIG_INVALID');
    expect(la.message).toMatch(/^--la "Narnia": not an English LA.*e\.g\. "Sheffield"/);
    expect(errorOf(() => buildPlan({ pipeline: ['maths-hubs'] }, context)).message).toMatch(
      /--pipeline "maths-hubs": unknown pipeline; choose one of la-websites/,
    );
  });

  it('crawls an explicit URL list under one pipeline', () => {
    const plan = buildPlan({ urls: 'https://a.example/x\n# note\n\nhttps://b.example/' }, context);
    expect(plan.seeds.map((s) => [s.pipeline, s.url])).toEqual([
      ['sector-directories', 'https://a.example/x'],
      ['sector-directories', 'https://b.example/'],
    ]);
    expect(plan.pipelines).toEqual(['sector-directories']);
  });

  it('makes the URL list into seeds with the seeds of the pipeline that takes URLs', () => {
    const directory = pipelines.find((p) => p.input === 'urls');
    if (!directory) throw new Error('no pipeline takes URLs');
    const own = {
      ...directory,
      seeds: (urls: readonly string[]) => urls.map((u) => ({ url: `${u}members` })),
    };
    const plan = buildPlan(
      { urls: 'https://a.example/' },
      { gazetteer, pipelines: pipelines.map((p) => (p === directory ? own : p)) },
    );
    expect(plan.seeds).toEqual([{ pipeline: directory.name, url: 'https://a.example/members' }]);
  });

  it('reads exactly the listed URLs under another pipeline --pipeline names', () => {
    const plan = buildPlan({ urls: 'https://a.example/x', pipeline: ['la-websites'] }, context);
    expect(plan.seeds).toEqual([{ pipeline: 'la-websites', url: 'https://a.example/x' }]);
    expect(plan.pipelines).toEqual(['la-websites']);
  });
});

describe('parseUrlList', () => {
  it('names the line of a malformed URL', () => {
    expect(errorOf(() => parseUrlList('https://ok.example/\nnot a url')).message).toMatch(
      /^--urls line 2: "not a url" is not a URL/,
    );
    expect(errorOf(() => parseUrlList('file:///etc/passwd')).message).toMatch(/line 1: .* is not http\(s\)/);
    expect(errorOf(() => parseUrlList('# nothing')).message).toMatch(/has no URLs/);
  });
});
