import { describe, expect, it } from 'vitest';
import { labelNameKeys, labelNameVariants, normaliseName } from './names.ts';

describe('label name variants', () => {
  it('gives the name without parentheticals and each ;-separated part inside, "formerly" stripped', () => {
    expect(labelNameVariants('Riverton Learning Partnership (RLP; formerly Riverton Schools Forum)')).toEqual(
      ['Riverton Learning Partnership', 'RLP', 'Riverton Schools Forum'],
    );
  });

  it('expands School(s) to both forms', () => {
    expect(labelNameKeys('Hillside School(s) Alliance')).toEqual(
      new Set(['hillside school alliance', 'hillside schools alliance']),
    );
  });

  it('gives each side of "A / B" alternatives', () => {
    expect(labelNameVariants('Northway Forum / Northway Schools Board')).toContain('Northway Schools Board');
  });
});

describe('normaliseName', () => {
  it('folds case, ampersands, curly apostrophes, punctuation, a leading "The" and a trailing "Ltd"', () => {
    expect(normaliseName('The Brook & Dale Schools’ Partnership Ltd.')).toBe(
      'brook and dale schools partnership',
    );
    expect(normaliseName("Brook and Dale Schools' Partnership Limited")).toBe(
      'brook and dale schools partnership',
    );
    expect(normaliseName('Cross-Town  Heads')).toBe('cross town heads');
  });

  it('keeps names that only contain a label name different (no substring matching)', () => {
    const keys = labelNameKeys('Riverton Learning Partnership');
    expect(keys.has(normaliseName('Riverton Learning PartnershipThis'))).toBe(false);
    expect(keys.has(normaliseName('Riverton Learning Partnership Steering Group'))).toBe(false);
    expect(keys.has(normaliseName('the riverton learning partnership'))).toBe(true);
  });
});
