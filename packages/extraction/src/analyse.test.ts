import { describe, expect, it } from 'vitest';
import { analysePage } from './analyse.ts';

describe('analysePage: links', () => {
  it('resolves links against <base href>, as the crawler does, in the crawler’s URL form', () => {
    const html = `<html><head><base href="https://www.example-council.gov.uk/education/"></head><body>
      <p><a href="partnership?utm_source=mirror#join">Our partnership</a></p>
      <p><a href="/contact">Contact</a></p></body></html>`;
    expect(analysePage(html, 'https://mirror.example.org/copies/page.html').links).toEqual([
      { href: 'https://www.example-council.gov.uk/education/partnership', text: 'Our partnership' },
      { href: 'https://www.example-council.gov.uk/contact', text: 'Contact' },
    ]);
  });
});
