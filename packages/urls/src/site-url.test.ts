import { describe, expect, it } from 'vitest';
import { normaliseUrl } from './normalise-url.ts';
import { bareHost, canonicalUrl, displayUrl, websiteIdentity } from './site-url.ts';

describe('canonicalUrl', () => {
  it('normalises URLs: https, no www, no tracking, no trailing slash or index page', () => {
    expect(canonicalUrl('http://WWW.Example.org/?utm_source=x&fbclid=1')).toBe('https://example.org');
    expect(canonicalUrl('www.example.org/about/?b=2&a=1#top')).toBe('https://example.org/about?a=1&b=2');
    expect(canonicalUrl('https://example.org/index.html')).toBe('https://example.org');
    expect(canonicalUrl('http://example.org:8080/x/')).toBe('https://example.org/x');
    expect(canonicalUrl('mailto:x@example.org')).toBeUndefined();
    expect(canonicalUrl('not a url at all')).toBeUndefined();
  });
});

describe('displayUrl', () => {
  it('keeps scheme, www and port, and drops the fragment and the same tracking parameters as the crawler', () => {
    const url = 'http://www.example.org:8080/p?id=1&gclid=2&_hsenc=3&mtm_campaign=4#top';
    expect(displayUrl(url)).toBe('http://www.example.org:8080/p?id=1');
    expect(displayUrl(url)).toBe(normaliseUrl(url));
    expect(displayUrl('example.org/a')).toBe('https://example.org/a');
    expect(displayUrl('javascript:alert(1)')).toBeUndefined();
  });

  it('keeps parameters that can address a document', () => {
    expect(displayUrl('https://example.gov.uk/doc?ref=PL%2F2020%2F123')).toBe(
      'https://example.gov.uk/doc?ref=PL%2F2020%2F123',
    );
  });
});

describe('websiteIdentity', () => {
  it('identifies a site by registrable domain, but shared and council hosts by path', () => {
    expect(websiteIdentity('https://www.example-partnership.org.uk/about')).toBe(
      'dom:example-partnership.org.uk',
    );
    expect(websiteIdentity('https://schools.example-partnership.org.uk')).toBe(
      'dom:example-partnership.org.uk',
    );
    expect(websiteIdentity('https://www.manchester.gov.uk/schools/partnership/?utm_source=x')).toBe(
      'url:manchester.gov.uk/schools/partnership',
    );
    expect(websiteIdentity('https://www.facebook.com/RivertonPartnership')).toBe(
      'url:facebook.com/rivertonpartnership',
    );
    expect(websiteIdentity('http://127.0.0.1/x')).toBeUndefined();
  });
});

describe('bareHost', () => {
  it('is the host without www., or empty for a non-URL', () => {
    expect(bareHost('https://WWW.Example.org/a')).toBe('example.org');
    expect(bareHost('nope')).toBe('');
  });
});
