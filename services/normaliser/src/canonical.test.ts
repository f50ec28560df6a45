import { describe, expect, it } from 'vitest';
import { canonicalCharityNumber, canonicalCompanyNumber, orgNameKey } from './canonical.ts';

describe('canonicalisation', () => {
  it('matches names regardless of legal suffix, "&" and spacing', () => {
    expect(orgNameKey('  The Example  Learning & Achievement Partnership Ltd ')).toBe(
      orgNameKey('Example Learning and Achievement Partnership Limited'),
    );
    expect(orgNameKey('Example Partnership CIC')).toBe('example partnership');
  });
  it('pads company numbers and checks charity numbers', () => {
    expect(canonicalCompanyNumber('1234567')).toBe('01234567');
    expect(canonicalCompanyNumber('sc 123456')).toBe('SC123456');
    expect(canonicalCompanyNumber('not a number')).toBeUndefined();
    expect(canonicalCharityNumber('1234567')).toBe('1234567');
    expect(canonicalCharityNumber('123')).toBeUndefined();
  });
});

describe('orgNameKey: one body under its usual spellings', () => {
  it('treats plural, possessive and "… Board" forms as one name', () => {
    const key = orgNameKey('Riverton Schools Partnership');
    for (const variant of [
      "The Riverton Schools' Partnership",
      'Riverton School Partnership Board',
      'Riverton Schools Partnerships Ltd',
    ])
      expect(orgNameKey(variant)).toBe(key);
    expect(orgNameKey('Riverton Education Board')).not.toBe(orgNameKey('Riverton Education'));
  });
});
