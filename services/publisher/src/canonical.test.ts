import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { partnership, profile } from './test-support/fixtures.ts';

/** The definition: JSON.stringify with a replacer that sorts every object's keys. */
function reference(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) out[key] = (v as Record<string, unknown>)[key];
      return out;
    },
    indent,
  );
}

describe('canonicalJson', () => {
  it('gives the same text as a key-sorting replacer, for records and awkward values', () => {
    const awkward = [
      partnership(5),
      profile('202', 'E09000007', 'Camden'),
      { b: 1, a: [3, undefined, { d: null, c: 'x' }], '10': 'ten', '9': 'nine', z: undefined },
      JSON.parse('{"__proto__": {"x": 1}, "y": 2}'),
      { when: new Date('2026-11-24T01:20:10Z'), nested: [[{ q: 1, p: 2 }]] },
      [1, 'two', null, true, Number.NaN, -0],
      'just a string',
    ];
    for (const value of awkward) {
      expect(canonicalJson(value)).toBe(reference(value));
      expect(canonicalJson(value, 2)).toBe(reference(value, 2));
    }
  });
});
