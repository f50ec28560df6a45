/**
 * Hostile-page figures: how long parsing and extraction take on pages built to be slow (many attributes on one
 * element, deep nesting, huge bodies, many links), with and without the extractor's HTML bounds. Prints; never
 * asserts. Run: pnpm --filter @abep/extractor bench:hostile
 */
import { noPlaces } from '@abep/extraction';
import { boundHtml, DEFAULT_HTML_BOUNDS, type HtmlBounds } from '@abep/fetcher';
import { pipelines } from '@abep/pipelines';
import type { PageFetchedV1 } from '@abep/schemas';
import { examinePage } from '../src/examine-page.ts';

const attrs = (n: number) =>
  `<html><body><div ${Array.from({ length: n }, (_, i) => `a${i}="1"`).join(' ')}>x</div><p>Learn Sheffield is a school-led partnership.</p></body></html>`;
const nested = (n: number) =>
  `<html><body>${'<div>'.repeat(n)}Learn Sheffield${'</div>'.repeat(n)}</body></html>`;
const links = (n: number) =>
  `<html><body>${Array.from({ length: n }, (_, i) => `<a href="https://p${i}.example/">Partnership ${i}</a>`).join('')}</body></html>`;
const big = (mib: number) =>
  `<html><body>${'<p>Schools in the area work together on school improvement.</p>'.repeat((mib * 1024 * 1024) / 62)}</body></html>`;

const message: PageFetchedV1 = {
  crawlId: 'bench',
  pipeline: 'la-websites',
  url: 'https://www.example.gov.uk/schools',
  finalUrl: 'https://www.example.gov.uk/schools',
  depth: 0,
  status: 200,
  contentType: 'text/html',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  unchanged: false,
  warc: { key: 'k', offset: 0, length: 1 },
  sha256: '0'.repeat(64),
  bytes: 1,
};

function time<T>(f: () => T): [T, number] {
  const started = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - started) / 1e6];
}

const pipeline = pipelines[0];
const cases: [string, string][] = [
  ['attributes 10,000 on one element', attrs(10_000)],
  ['attributes 20,000 on one element', attrs(20_000)],
  ['attributes 80,000 on one element', attrs(80_000)],
  ['nesting 1,400 divs', nested(1400)],
  ['nesting 10,000 divs', nested(10_000)],
  ['links 100,000', links(100_000)],
  ['body 4 MiB of paragraphs', big(4)],
];
// --unbounded also times extraction with no bounds (minutes for the largest cases: run it on purpose).
const unbounded = process.argv.includes('--unbounded');
const none: HtmlBounds = { maxChars: Infinity, maxAttributesPerElement: Infinity, maxDepth: Infinity };
const run = (html: string, bounds: HtmlBounds) =>
  examinePage(message, { body: Buffer.from(html), contentType: 'text/html' }, pipeline, {
    maxHtmlBytes: 5 * 1024 * 1024,
    places: noPlaces,
    bounds,
  });
for (const [name, html] of cases) {
  const kib = (Buffer.byteLength(html) / 1024).toFixed(0);
  const [, boundMs] = time(() => boundHtml(html, DEFAULT_HTML_BOUNDS));
  const [result, extract] = time(() => run(html, DEFAULT_HTML_BOUNDS));
  const before = unbounded ? ` | unbounded examinePage ${time(() => run(html, none))[1].toFixed(0)} ms` : '';
  console.log(
    `${name} (${kib} KiB): boundHtml ${boundMs.toFixed(0)} ms, examinePage ${extract.toFixed(0)} ms, ${result.observations.length} observations, truncated ${JSON.stringify(result.truncated)}${before}`,
  );
}
