import { loadGazetteer } from '@abep/gazetteer';
import { PUBLISH_CONFIDENCE } from '@abep/schemas';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { fromRecords } from './read-register.ts';
import { partnership } from './test-support/fixtures.ts';

const gazetteer = loadGazetteer();
const boundaries = await gazetteer.geometry();

describe('partnership candidates', () => {
  const sure = partnership(1, { confidence: 0.9 });
  const unsure = partnership(2, {
    confidence: PUBLISH_CONFIDENCE - 0.01,
    name: 'Maybe Schools Group',
    localAuthorities: sure.localAuthorities,
  });
  const old = partnership(3);
  const content = buildSnapshot(fromRecords([sure, unsure, old]), gazetteer.localAuthorities, boundaries);
  const file = (path: string) => {
    const f = content.files.find((x) => x.path === path);
    if (!f) throw new Error(`no ${path}`);
    return f.body.toString('utf8');
  };
  const rows = (path: string) => parse(file(path), { columns: true }) as Record<string, string>[];

  it('leaves a record below the publishing confidence out of the register, its link table and LA counts', () => {
    expect(content.partnerships.map((p) => p.id)).toEqual([sure.id, old.id]);
    expect(content.rows.partnerships).toBe(2);
    expect((JSON.parse(file('partnerships.json')) as { id: string }[]).map((p) => p.id)).toEqual([
      sure.id,
      old.id,
    ]);
    expect(rows('partnerships.csv').map((r) => r.id)).not.toContain(unsure.id);
    expect(rows('partnership-local-authorities.csv').map((r) => r.partnership_id)).toContain(sure.id);
    expect(rows('partnership-local-authorities.csv').map((r) => r.partnership_id)).not.toContain(unsure.id);
    const camden = rows('local-authorities.csv').find(
      (r) => r.la_code === unsure.localAuthorities[0]?.laCode,
    );
    expect(camden?.partnership_ids).toContain(sure.id);
    expect(camden?.partnership_ids).not.toContain(unsure.id);
    const geo = JSON.parse(file('local-authorities.geojson')) as {
      features: { properties: Record<string, unknown> }[];
    };
    const ids = JSON.stringify(geo.features.map((f) => f.properties.partnership_ids));
    expect(ids).toContain(sure.id);
    expect(ids).not.toContain(unsure.id);
  });

  it('lists it in partnership-candidates.json and .csv with confidence, LAs, sources and excerpts', () => {
    const json = JSON.parse(file('partnership-candidates.json')) as { id: string; confidence: number }[];
    expect(json.map((p) => [p.id, p.confidence])).toEqual([[unsure.id, PUBLISH_CONFIDENCE - 0.01]]);
    const [row] = rows('partnership-candidates.csv');
    expect(row).toMatchObject({
      id: unsure.id,
      name: 'Maybe Schools Group',
      confidence: String(PUBLISH_CONFIDENCE - 0.01),
    });
    expect(row?.la_names).toBe(unsure.localAuthorities.map((la) => la.name).join('; '));
    expect(row?.source_urls).toContain('https://p2.example.org/');
    expect(row?.evidence).toMatch(/^name https:\/\/p2\.example\.org\//);
  });

  it('describes both files in datapackage.json', () => {
    const pkg = JSON.parse(file('datapackage.json')) as { resources: { path: string; schema?: unknown }[] };
    const paths = pkg.resources.map((r) => r.path);
    expect(paths).toContain('partnership-candidates.json');
    expect(pkg.resources.find((r) => r.path === 'partnership-candidates.csv')?.schema).toBeDefined();
  });
});
