import { describe, expect, it } from 'vitest';
import { boundHtml, DEFAULT_HTML_BOUNDS } from './bound-html.ts';

const small = { maxChars: 1000, maxAttributesPerElement: 3, maxDepth: 4 };

describe('boundHtml', () => {
  it('passes a page within the bounds through unchanged, whatever its scripts, comments and quoted ">"', () => {
    const html = `<!DOCTYPE html><html><head><title>a <div> b</title>
      <script>for (let i = 0; i < 9; i++) document.write('<div a=1 b=2 c=3 d=4 e=5>');</script>
      <style>div > p { color: red }</style></head>
      <body><!-- <div><div><div><div><div> --><p class="x" title="a > b" data-x='<'>Text<br/>more</p>
      <ul><li>one<li>two</ul><img src=a.png alt=x></body></html>`;
    expect(boundHtml(html, small)).toEqual({ html, truncated: [] });
  });

  it.each([2, 3, 4, 10, 80_000])('keeps the first 3 of %i attributes on an element', (n) => {
    const attrs = Array.from({ length: n }, (_, i) => `a${i}="${i}"`).join(' ');
    const { html, truncated } = boundHtml(`<p>x</p><div ${attrs}>text</div><p>y</p>`, {
      ...small,
      maxChars: 1e7,
    });
    const kept = Array.from({ length: Math.min(n, 3) }, (_, i) => `a${i}="${i}"`).join(' ');
    expect(html).toBe(`<p>x</p><div ${kept}>text</div><p>y</p>`);
    expect(truncated).toEqual(n > 3 ? [`attributes dropped ${n - 3}`] : []);
  });

  it.each([3, 4, 5, 10_000])('drops start tags deeper than 4 of %i nested divs, keeping their text', (n) => {
    const { html, truncated } = boundHtml(`${'<div>'.repeat(n)}deep${'</div>'.repeat(n)}after`, {
      ...small,
      maxChars: 1e7,
    });
    const kept = Math.min(n, 4);
    expect(html).toBe(`${'<div>'.repeat(kept)}deep${'</div>'.repeat(kept)}after`);
    expect(truncated).toEqual(n > 4 ? [`tags deeper than 4 dropped ${n - 4}`] : []);
  });

  it('does not count elements whose end tag may be left out (p, li, td…) as nesting', () => {
    const html = `<table>${'<tr><td>cell'.repeat(20)}</table><ul>${'<li>item'.repeat(20)}</ul>${'<p>para'.repeat(20)}`;
    expect(html.length).toBeLessThan(1000);
    expect(boundHtml(html, small)).toEqual({ html, truncated: [] });
  });

  it.each([999, 1000, 1001, 100_000])(
    'cuts a %i-character page at 1000 characters, on a tag boundary',
    (n) => {
      const input = `<p>${'x'.repeat(Math.max(0, n - 3))}`.slice(0, n);
      const { html, truncated } = boundHtml(input, small);
      expect(html.length).toBeLessThanOrEqual(1000);
      expect(truncated).toEqual(n > 1000 ? [`html chars ${n}→${html.length}`] : []);
    },
  );

  it('has defaults far above real pages', () => {
    expect(DEFAULT_HTML_BOUNDS).toEqual({ maxChars: 1_000_000, maxAttributesPerElement: 256, maxDepth: 512 });
  });
});
