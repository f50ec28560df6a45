import { describe, expect, it } from 'vitest';
import { companyNumberKey, domainOf, labelLegalForm, numbersIn } from './field-rules.ts';

describe('labelLegalForm', () => {
  it.each([
    ['a charitable incorporated organisation', 'charitable-incorporated-organisation'],
    ['community interest company', 'community-interest-company'],
    ['charitable company limited by guarantee', 'charitable-company'],
    ["schools' company limited by guarantee", 'company-limited-by-guarantee'],
    ['no separate legal entity', 'unincorporated'],
    ['a voluntary agreement between schools', 'unincorporated'],
    ['joint committee of governing bodies', 'council-board'],
    ['multi-academy trust', undefined],
    ['', undefined],
  ])('%s → %s', (text, form) => {
    expect(labelLegalForm(text)).toBe(form);
  });
});

describe('numbersIn', () => {
  it('reads digits and number words', () => {
    expect(numbersIn('about twenty-five primary schools and 1,200 pupils')).toEqual(new Set([25, 1200]));
    expect(numbersIn('ten infant schools, a junior school')).toEqual(new Set([10]));
    expect(numbersIn('two hundred and six schools')).toEqual(new Set([206]));
    expect(numbersIn('nine or eleven settings')).toEqual(new Set([9, 11]));
    expect(numbersIn('secondary schools')).toEqual(new Set());
  });
});

describe('domainOf and companyNumberKey', () => {
  it('compares registrable domains and zero-padded company numbers', () => {
    expect(domainOf('https://www.riverton-learning.example.org.uk/about')).toBe('example.org.uk');
    expect(domainOf('https://www.brookdale.org.uk/x')).toBe('brookdale.org.uk');
    expect(companyNumberKey('1234567')).toBe('01234567');
    expect(companyNumberKey('sc 123456')).toBe('SC123456');
  });
});
