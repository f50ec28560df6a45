import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGazetteer } from '@abep/gazetteer';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './build-snapshot.ts';
import { fromRecords } from './read-register.ts';
import { partnership, profile } from './test-support/fixtures.ts';

const gazetteer = loadGazetteer();
const boundaries = await gazetteer.geometry();

function build(records: Parameters<typeof fromRecords>[0]) {
  return buildSnapshot(fromRecords(records), gazetteer.localAuthorities, boundaries);
}

function text(content: ReturnType<typeof build>, path: string): string {
  const f = content.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path}`);
  return f.body.toString('utf8');
}

describe('buildSnapshot', () => {
  const records = [partnership(3), partnership(1), partnership(2), profile('202', 'E09000007', 'Camden')];

  it('defuses formula-like text in every CSV, and keeps the true value in JSON and Parquet', async () => {
    const name = '=HYPERLINK("https://evil.example/","Learn More")';
    const content = build([
      partnership(1, { name, description: '@SUM(A1:A9)', aliases: ['+cmd'] }),
      profile('202', 'E09000007', 'Camden'),
    ]);
    const [row] = parse(text(content, 'partnerships.csv'), { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ name: `'${name}`, description: "'@SUM(A1:A9)", aliases: "'+cmd" });
    const link = parse(text(content, 'partnership-local-authorities.csv'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(link[0]?.partnership_name).toBe(`'${name}`);
    const las = parse(text(content, 'local-authorities.csv'), { columns: true }) as Record<string, string>[];
    expect(las.find((r) => r.la_code === '352')?.partnership_names).toBe(`'${name}`);
    expect(JSON.parse(text(content, 'partnerships.json'))[0]).toMatchObject({
      name,
      description: '@SUM(A1:A9)',
    });

    const dir = await mkdtemp(join(tmpdir(), 'abep-formula-'));
    try {
      const file = join(dir, 'p.parquet');
      const parquet = content.files.find((f) => f.path === 'partnerships.parquet');
      await writeFile(file, parquet?.body ?? Buffer.alloc(0));
      const db = await DuckDBInstance.create(':memory:');
      const conn = await db.connect();
      const rows = (
        await conn.runAndReadAll(`select name, description from read_parquet('${file}')`)
      ).getRowObjectsJson();
      conn.closeSync();
      expect(rows).toEqual([{ name, description: '@SUM(A1:A9)' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives byte-identical files and the same hash for the same content in any order', () => {
    const a = build(records);
    const b = build([...records].reverse());
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.files.map((f) => [f.path, f.sha256])).toEqual(a.files.map((f) => [f.path, f.sha256]));
  });

  it('changes the hash when one field of one partnership changes', () => {
    const a = build(records);
    const b = build([
      partnership(3, { name: 'Renamed' }),
      partnership(1),
      partnership(2),
      records[3] as never,
    ]);
    expect(b.contentHash).not.toBe(a.contentHash);
  });

  it('writes one CSV row per partnership, lists joined with "; ", RFC 4180 quoting and CRLF', () => {
    const csv = text(build([partnership(5), partnership(7)]), 'partnerships.csv');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['abep-00000005', 'abep-00000007']);
    expect(rows[0]?.description).toBe('Line one\nline two, with a comma');
    expect(rows[0]?.name).toBe('Partnership 5, "Learning" Trust');
    expect(rows[1]?.la_codes).toBe('352; 926');
    expect(rows[0]?.phases).toBe('primary; secondary');
  });

  it('profiles all 153 LAs, counting partnerships from the link table, and leaves withdrawn partnerships out', () => {
    const content = build([
      ...records,
      partnership(9, { withdrawn: { reason: 'merged', mergedInto: 'abep-00000001' } }),
    ]);
    expect(content.rows.localAuthorities).toBe(153);
    const las = parse(text(content, 'local-authorities.csv'), { columns: true }) as Record<string, string>[];
    expect(las).toHaveLength(153);
    const camden = las.find((r) => r.la_code === '202');
    expect(camden?.is_convener).toBe('true');
    expect(camden?.roles).toBe('convener; funder');
    expect(Number(camden?.partnership_count)).toBe(1);
    const york = las.find((r) => r.la_code === '816');
    expect(york?.coverage).toBe('not-crawled');
    const links = parse(text(content, 'partnership-local-authorities.csv'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(links.map((l) => `${l.partnership_id}:${l.la_code}`)).toEqual([
      'abep-00000001:352',
      'abep-00000002:926',
      'abep-00000003:202',
    ]);
    expect(text(content, 'partnerships.json')).not.toContain('abep-00000009');
  });

  it('maps every LA to its boundary with coordinates of at most 6 decimals', () => {
    const geo = JSON.parse(text(build(records), 'local-authorities.geojson'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(153);
    expect(geo.features.every((f: { geometry: unknown }) => f.geometry !== null)).toBe(true);
    const coords = JSON.stringify(
      geo.features.map((f: { geometry: { coordinates: unknown } }) => f.geometry.coordinates),
    );
    expect(coords).not.toMatch(/\.\d{7,}/);
    const camden = geo.features.find(
      (f: { properties: { la_code: string } }) => f.properties.la_code === '202',
    );
    expect(camden.properties.partnership_ids).toEqual(['abep-00000003']);
  });

  it('describes every other content file in datapackage.json with its bytes and sha256', () => {
    const content = build(records);
    const pkg = JSON.parse(text(content, 'datapackage.json'));
    const described = Object.fromEntries(
      pkg.resources.map((r: { path: string; hash: string }) => [r.path, r.hash]),
    );
    for (const f of content.files.filter((x) => x.path !== 'datapackage.json')) {
      expect(described[f.path]).toBe(`sha256:${f.sha256}`);
    }
    expect(JSON.stringify(pkg.sources)).toContain('Open Government Licence v3.0');
  });

  it('contains no publish time: content files depend on the register only', () => {
    const content = build(records);
    const all = content.files.map((f) => f.body.toString('latin1')).join('\n');
    expect(all).not.toContain(new Date().toISOString().slice(0, 10));
  });
});
