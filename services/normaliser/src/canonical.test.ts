import { describe, expect, it } from 'vitest';
import {
  canonicalCharityNumber,
  canonicalCompanyNumber,
  canonicalUrl,
  orgNameKey,
  websiteIdentity,
} from './canonical.ts';

describe('canonicalisation', () => {
  it('normalises URLs: https, no www, no tracking, no trailing slash', () => {
    expect(canonicalUrl('http://WWW.Example.org/?utm_source=x&fbclid=1')).toBe('https://example.org');
    expect(canonicalUrl('www.example.org/about/?b=2&a=1#top')).toBe('https://example.org/about?a=1&b=2');
    expect(canonicalUrl('https://example.org/index.html')).toBe('https://example.org');
    expect(canonicalUrl('mailto:x@example.org')).toBeUndefined();
  });
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
  it('identifies a site by registrable domain, but council pages by path', () => {
    expect(websiteIdentity('https://www.example-partnership.org.uk/about')).toBe(
      'dom:example-partnership.org.uk',
    );
    expect(websiteIdentity('https://schools.example-partnership.org.uk')).toBe(
      'dom:example-partnership.org.uk',
    );
    expect(websiteIdentity('https://www.manchester.gov.uk/schools/partnership')).toBe(
      'url:manchester.gov.uk/schools/partnership',
    );
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
