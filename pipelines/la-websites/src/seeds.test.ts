import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '@abep/gazetteer';
import { describe, expect, it } from 'vitest';
import { laWebsitesPipeline } from './pipeline.ts';
import { laSeedsFromCsv } from './seeds.ts';

describe('la-websites seeds', () => {
  it('seeds every LA website in the gazetteer list with its LA code', () => {
    const las = laSeedsFromCsv(readFileSync(join(defaultDataDir(), 'local-authorities.csv'), 'utf8'));
    expect(las).toHaveLength(153);
    const seeds = laWebsitesPipeline.seeds(las);
    expect(seeds.length).toBeGreaterThan(140);
    expect(seeds).toContainEqual({ url: 'http://www.camden.gov.uk/', laCode: '202' });
  });

  it('scopes crawling to education pages and away from bins and council tax', () => {
    const include = (laWebsitesPipeline.scope.include ?? []).map((s) => new RegExp(s));
    const exclude = (laWebsitesPipeline.scope.exclude ?? []).map((s) => new RegExp(s));
    const inScope = (url: string) => include.some((r) => r.test(url)) && !exclude.some((r) => r.test(url));
    expect(inScope('https://www.camden.gov.uk/school-improvement')).toBe(true);
    expect(inScope('https://www.camden.gov.uk/schools-and-education/partnerships')).toBe(true);
    expect(inScope('https://www.camden.gov.uk/bins-and-recycling')).toBe(false);
    expect(inScope('https://www.camden.gov.uk/council-tax')).toBe(false);
  });
});
