import { AbepError, RECORD_LIMITS } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { normaliseUrl, registrableDomain } from './normalise-url.ts';

describe('normaliseUrl', () => {
  it.each([
    ['HTTP://Example.COM/a', 'http://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['http://example.com', 'http://example.com/'],
    ['http://example.com/a/b/../c/./d', 'http://example.com/a/c/d'],
    ['http://example.com/page#section-2', 'http://example.com/page'],
    ['http://example.com/page?#x', 'http://example.com/page'],
    ['http://example.com./page', 'http://example.com/page'],
    ['http://bücher.example/straße', 'http://xn--bcher-kva.example/stra%C3%9Fe'],
    ['http://example.com/%7euser/%2fa%3f', 'http://example.com/~user/%2Fa%3F'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseUrl(input)).toBe(expected);
  });

  it('refuses a URL longer than any topic carries, and keeps one at the limit', () => {
    const at = (length: number) =>
      `https://example.com/${'a'.repeat(length - 'https://example.com/'.length)}`;
    expect(normaliseUrl(at(RECORD_LIMITS.url))).toHaveLength(RECORD_LIMITS.url);
    for (const length of [RECORD_LIMITS.url + 1, 600_000]) {
      const error = (() => {
        try {
          normaliseUrl(at(length));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AbepError);
      expect((error as AbepError).code).toBe('URL_INVALID');
      expect(JSON.stringify((error as AbepError).details).length).toBeLessThan(400);
    }
  });

  it('removes tracking parameters of every known family, whatever their case', () => {
    const url =
      'https://example.com/p?utm_source=x&UTM_Medium=y&gclid=1&fbclid=2&mc_cid=3&mc_eid=4&_ga=5&msclkid=6&id=7';
    expect(normaliseUrl(url)).toBe('https://example.com/p?id=7');
  });

  it('drops the query entirely when only tracking parameters were present', () => {
    expect(normaliseUrl('https://example.com/p?utm_campaign=spring&fbclid=abc')).toBe(
      'https://example.com/p',
    );
  });

  it('sorts the remaining parameters by name, keeping the order of repeated names', () => {
    expect(normaliseUrl('http://x.org/?b=2&a=9&b=1&a=3')).toBe('http://x.org/?a=9&a=3&b=2&b=1');
  });

  it('keeps parameter encoding (a + stays a +, empty values stay empty)', () => {
    expect(normaliseUrl('http://x.org/search?q=a+b&flag&z=%e2%82%ac')).toBe(
      'http://x.org/search?flag&q=a+b&z=%E2%82%AC',
    );
  });

  it('makes equivalent URLs identical so they dedupe', () => {
    const variants = [
      'https://www.Leeds.gov.uk/schools/../education/?b=1&a=2#top',
      'https://www.leeds.gov.uk:443/education/?a=2&b=1&utm_source=newsletter',
      'https://WWW.LEEDS.GOV.UK/education/?a=2&utm_medium=email&b=1',
    ];
    expect(new Set(variants.map((v) => normaliseUrl(v))).size).toBe(1);
  });

  it('resolves relative URLs against a base', () => {
    expect(normaliseUrl('../contact?utm_source=a', 'https://example.com/about/team/')).toBe(
      'https://example.com/about/contact',
    );
    expect(normaliseUrl('//cdn.example.com/x', 'https://example.com/')).toBe('https://cdn.example.com/x');
  });

  it('throws URL_INVALID for something that is not a URL', () => {
    for (const bad of ['not a url', 'http://exa mple.com/', 'http://[::1/']) {
      let caught: unknown;
      try {
        normaliseUrl(bad);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AbepError);
      expect((caught as AbepError).code).toBe('URL_INVALID');
    }
  });
});

describe('registrableDomain', () => {
  it.each([
    ['https://www.leeds.gov.uk/schools', 'leeds.gov.uk'],
    ['https://education.hertfordshire.gov.uk/', 'hertfordshire.gov.uk'],
    ['http://a.b.example.co.uk/x', 'example.co.uk'],
    ['https://partnership.org.uk', 'partnership.org.uk'],
    ['https://someone.github.io/site', 'someone.github.io'],
    ['www.example.com', 'example.com'],
    ['https://xn--bcher-kva.example.com/', 'example.com'],
  ])('%s → %s', (input, expected) => {
    expect(registrableDomain(input)).toBe(expected);
  });

  it('is null for IP addresses and bare public suffixes', () => {
    expect(registrableDomain('http://127.0.0.1:8080/')).toBeNull();
    expect(registrableDomain('gov.uk')).toBeNull();
  });
});
