/**
 * robots.txt checks against hostile files: ms per URL with robots-parser's own matcher (before) and with the
 * compiled rules the fetcher uses (after). Prints; never asserts. Run: pnpm --filter @abep/fetcher bench
 */
import robotsParserModule from 'robots-parser';
import { MAX_ROBOTS_BYTES, parseRobotsTxt } from '../src/robots.ts';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
const UA = 'abep-register/0.1';
const ROBOTS = 'https://www.camden.test/robots.txt';
const fill = (line: string) => `User-agent: *\n${line.repeat(Math.floor(MAX_ROBOTS_BYTES / line.length))}`;
const cases: [string, string][] = [
  ['one 512 KiB wildcard line', `User-agent: *\nDisallow: /${'*a'.repeat(MAX_ROBOTS_BYTES / 2 - 20)}b\n`],
  ['512 KiB of wildcard rules', fill('Disallow: /*a*a*a*a*a*a*a*b\n')],
  ['512 KiB of literal rules', fill('Disallow: /aaaaaaaaaaaaaaaaaaaab\n')],
  ['512 KiB of stars', `User-agent: *\nDisallow: /${'*'.repeat(MAX_ROBOTS_BYTES - 30)}b\n`],
];
const ms = (f: () => void) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
for (const pathLength of [100, 2000]) {
  const url = `https://www.camden.test/${'a'.repeat(pathLength)}`;
  for (const [name, text] of cases) {
    let ours = parseRobotsTxt(ROBOTS, text, UA, 10_000);
    const parseMs = ms(() => {
      ours = parseRobotsTxt(ROBOTS, text, UA, 10_000);
    });
    const theirs = robotsParser(ROBOTS, text);
    const before = ms(() => theirs.isAllowed(url, UA));
    const after = ms(() => {
      for (let i = 0; i < 10; i++) ours.isAllowed(`${url}?${i}`);
    });
    console.log(
      `${name}, path ${pathLength} chars: parse ${parseMs.toFixed(0)} ms; per URL before ${before.toFixed(1)} ms, after ${(after / 10).toFixed(2)} ms`,
    );
  }
}
