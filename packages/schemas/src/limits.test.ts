import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_LIMITS as L } from './limits.ts';
import { ObservationV1 } from './observation.ts';

const partnership = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'observation.extracted.v1.json'), 'utf8'),
);
const examined = {
  kind: 'page-examined',
  observationId: 'obs-1',
  source: partnership.source,
};
const ev = (value: unknown) => ({ value, excerpt: 'x' });
const names = (n: number) => Array.from({ length: n }, (_, i) => `Name ${i}`);
const links = (n: number) => Array.from({ length: n }, (_, i) => `https://p${i}.example/`);
const withFields = (fields: object) => ({ ...partnership, fields: { ...partnership.fields, ...fields } });

/** Each bounded field at its cap and one past it: the cap parses, one more is refused (SCHEMA_INVALID). */
const cases: [string, (n: number) => unknown, number][] = [
  ['aliases', (n) => withFields({ aliases: names(n) }), L.aliases],
  ['areas', (n) => withFields({ areas: names(n).map(ev) }), L.areas],
  ['memberSchools', (n) => withFields({ memberSchools: names(n) }), L.memberSchools],
  ['focusAreas', (n) => withFields({ focusAreas: ev(names(n)) }), L.focusAreas],
  ['name length', (n) => withFields({ name: ev('x'.repeat(n)) }), L.name],
  ['alias length', (n) => withFields({ aliases: ['x'.repeat(n)] }), L.name],
  ['description length', (n) => withFields({ description: ev('x'.repeat(n)) }), L.text],
  ['reason length', (n) => ({ ...partnership, reason: 'x'.repeat(n) }), L.text],
  ['website length', (n) => withFields({ website: ev(`https://a.example/${'x'.repeat(n - 18)}`) }), L.url],
  [
    'roles',
    (n) => ({
      kind: 'la-role',
      observationId: 'obs-2',
      source: partnership.source,
      laCode: '373',
      roles: Array.from({ length: n }, () => ev('funder')),
    }),
    L.roles,
  ],
  ['partnershipLinks', (n) => ({ ...examined, partnershipLinks: links(n) }), L.partnershipLinks],
  ['aboutLas', (n) => ({ ...examined, aboutLas: names(n) }), L.aboutLas],
  ['title length', (n) => ({ ...examined, title: 'x'.repeat(n) }), L.name],
  [
    'source url length',
    (n) => ({
      ...examined,
      source: { ...partnership.source, url: `https://a.example/${'x'.repeat(n - 18)}` },
    }),
    L.url,
  ],
];

describe('observation size limits', () => {
  it.each(cases)('%s: the cap parses, one past it is refused', (_name, make, cap) => {
    expect(ObservationV1.safeParse(make(cap)).error).toBeUndefined();
    expect(ObservationV1.safeParse(make(cap - 1)).success).toBe(true);
    expect(ObservationV1.safeParse(make(cap + 1)).success).toBe(false);
    expect(ObservationV1.safeParse(make(cap * 10)).success).toBe(false);
  });

  it('keeps one observation at every cap at once under the bus limit of 1 MiB', () => {
    const big = withFields({
      name: ev('n'.repeat(L.name)),
      aliases: names(L.aliases).map((s) => s.padEnd(L.name, 'a')),
      description: ev('d'.repeat(L.text)),
      areas: names(L.areas).map((s) => ev(s.padEnd(L.name, 'a'))),
      memberSchools: names(L.memberSchools).map((s) => s.padEnd(L.name, 'a')),
      focusAreas: ev(names(L.focusAreas).map((s) => s.padEnd(L.name, 'a'))),
    });
    expect(ObservationV1.safeParse(big).error).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(1024 * 1024);
    const link = (i: number) => `https://p${i}.example/`.padEnd(L.link, 'x');
    const page = {
      ...examined,
      title: 't'.repeat(L.name),
      aboutLas: names(L.aboutLas).map((s) => s.padEnd(L.name, 'a')),
      partnershipLinks: Array.from({ length: L.partnershipLinks }, (_, i) => link(i)),
    };
    expect(ObservationV1.safeParse(page).error).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(1024 * 1024);
  });
  it('refuses a partnership link over its length', () => {
    const long = `https://p.example/${'x'.repeat(L.link)}`;
    expect(ObservationV1.safeParse({ ...examined, partnershipLinks: [long] }).success).toBe(false);
  });
});
