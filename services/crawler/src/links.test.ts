import { describe, expect, it } from 'vitest';
import { discoverLinks } from './links.ts';

describe('discoverLinks', () => {
  it('resolves, normalises and deduplicates http(s) links and drops other schemes', () => {
    const html = `<nav><a href="/education">Education</a><a href="/education#top">Again</a></nav>
      <a href="news?utm_source=x&id=2">News</a><a href="NEWS?id=2&fbclid=1">Same news</a>
      <a href="javascript:alert(1)">js</a><a href="mailto:a@b.test">mail</a><a href="file:///etc/passwd">f</a>
      <a href="tel:123">t</a><a href="#section">frag</a><a href="http://[bad">bad</a>
      <map><area href="https://other.test/map"></map>`;
    expect(discoverLinks(html, 'http://www.camden.test/dir/page')).toEqual([
      'http://www.camden.test/education',
      'http://www.camden.test/dir/news?id=2',
      'http://www.camden.test/dir/NEWS?id=2',
      'https://other.test/map',
    ]);
  });

  it.each([255, 256, 257, 80_000])('finds the links around an element with %i attributes', (n) => {
    const attrs = Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ');
    const html = `<a href="/first" ${attrs}>x</a><div><a href="/after">y</a></div>`;
    expect(discoverLinks(html, 'http://www.camden.test/')).toEqual([
      'http://www.camden.test/first',
      'http://www.camden.test/after',
    ]);
  });

  // parse5 walks the open-element stack per tag (20,000 nested divs: seconds); past 512 deep, tags are dropped.
  it.each([510, 511, 512, 20_000])('reads a page with %i nested elements, and links to depth 512', (n) => {
    const html = `${'<div>'.repeat(n)}<a href="/deep">d</a>${'</div>'.repeat(n)}<a href="/after">a</a>`;
    const deep = n < 512 ? ['http://www.camden.test/deep'] : [];
    expect(discoverLinks(html, 'http://www.camden.test/')).toEqual([...deep, 'http://www.camden.test/after']);
  });

  it('honours <base href> and survives malformed HTML', () => {
    const html =
      '<html><head><base href="http://cdn.camden.test/root/"><body><div><p>Unclosed <a href="x">x<table><tr><td>';
    expect(discoverLinks(html, 'http://www.camden.test/')).toEqual(['http://cdn.camden.test/root/x']);
  });
});
