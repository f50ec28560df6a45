import { document } from './html.ts';

export interface LargeOptions {
  hosts: number;
  pagesPerHost: number;
  /** Links from a page to its children; depth grows as log_fanout(pagesPerHost). */
  fanout: number;
}

export function largeHost(i: number): string {
  return `p${String(i).padStart(3, '0')}.large.test`;
}

function largePath(n: number): string {
  return n === 0 ? '/' : `/page/${n}`;
}

export function largePaths(options: LargeOptions): string[] {
  return Array.from({ length: options.pagesPerHost }, (_v, n) => largePath(n));
}

/** Depth of page n in the fan-out tree rooted at page 0. */
export function largeDepth(n: number, fanout: number): number {
  let depth = 0;
  for (let i = n; i > 0; i = Math.floor((i - 1) / fanout)) depth++;
  return depth;
}

const FILLER =
  'The school improvement partnership met to review attendance, reading and maths across the borough. ' +
  'Headteachers agreed priorities for the coming year and the council confirmed its funding. ';

export function renderLargePage(host: string, path: string, options: LargeOptions): string | undefined {
  const n = path === '/' ? 0 : Number(/^\/page\/(\d+)$/.exec(path)?.[1] ?? Number.NaN);
  if (!Number.isInteger(n) || n < 0 || n >= options.pagesPerHost) return undefined;
  const children: number[] = [];
  for (let k = 1; k <= options.fanout; k++) {
    const child = n * options.fanout + k;
    if (child < options.pagesPerHost) children.push(child);
  }
  const links = [0, ...children].map((c) => `<li><a href="${largePath(c)}">Page ${c}</a></li>`).join('');
  return document({
    title: `${host} page ${n}`,
    body: `<nav><ul>${links}</ul></nav><main><h1>Page ${n}</h1><p>${FILLER.repeat(8)}</p></main>`,
  });
}
