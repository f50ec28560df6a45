import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { pageLinks, pageLinkUrls } from './page-links.ts';

const links = (html: string, url = 'http://www.camden.test/dir/page') => pageLinks(load(html), url);

describe('pageLinks', () => {
  it('resolves, normalises and deduplicates http(s) links, keeping the first text, and drops other schemes', () => {
    const html = `<nav><a href="/education">Education</a><a href="/education#top">Again</a></nav>
      <a href="news?utm_source=x&id=2"> News
       items </a><a href="NEWS?id=2&fbclid=1">Same news</a>
      <a href="javascript:alert(1)">js</a><a href="mailto:a@b.test">mail</a><a href="file:///etc/passwd">f</a>
      <a href="tel:123">t</a><a href="#section">frag</a><a href="http://[bad">bad</a><a href="">empty</a>
      <map><area href="https://other.test/map"></map>`;
    expect(links(html)).toEqual([
      { href: 'http://www.camden.test/education', text: 'Education' },
      { href: 'http://www.camden.test/dir/news?id=2', text: 'News items' },
      { href: 'http://www.camden.test/dir/NEWS?id=2', text: 'Same news' },
      { href: 'https://other.test/map', text: '' },
    ]);
  });

  it('honours the first <base href> and survives malformed HTML', () => {
    const html =
      '<html><head><base href="http://cdn.camden.test/root/"><base href="http://no.test/"><body><div><p>Unclosed <a href="x">x<table><tr><td>';
    expect(links(html, 'http://www.camden.test/')).toEqual([
      { href: 'http://cdn.camden.test/root/x', text: 'x' },
    ]);
  });

  it('resolves a relative <base href> against the page, and ignores a broken one', () => {
    expect(links('<base href="/sub/"><a href="a">a</a>', 'http://www.camden.test/x/y')).toEqual([
      { href: 'http://www.camden.test/sub/a', text: 'a' },
    ]);
    expect(links('<base href="http://[bad"><a href="a">a</a>', 'http://www.camden.test/x/y')).toEqual([
      { href: 'http://www.camden.test/x/a', text: 'a' },
    ]);
  });
});

describe('pageLinkUrls', () => {
  it('gives the same URLs as pageLinks, without reading any text', () => {
    const html =
      '<base href="/b/"><a href="x?fbclid=1">x</a><a href="x">again</a><area href="https://o.test/m">';
    const $ = load(html);
    expect(pageLinkUrls($, 'http://www.camden.test/')).toEqual(
      pageLinks($, 'http://www.camden.test/').map((l) => l.href),
    );
    expect(pageLinkUrls($, 'http://www.camden.test/')).toEqual([
      'http://www.camden.test/b/x',
      'https://o.test/m',
    ]);
  });
});
