import robotsParserModule from 'robots-parser';
import { describe, expect, it } from 'vitest';
import { MAX_ROBOTS_BYTES, parseRobotsTxt } from './robots.ts';

const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
const UA = 'abep-register/0.1 (+https://example.org)';
const ROBOTS = 'https://www.camden.test/robots.txt';

const files = [
  'User-agent: *\nDisallow: /private/\nAllow: /private/public\n',
  'User-agent: *\nDisallow: /\n\nUser-agent: abep-register\nDisallow: /admin\nAllow: /admin/ok$\n',
  'User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\nAllow: /search/help\nDisallow: /*/edit\n',
  'User-agent: other\nDisallow: /\n',
  'User-agent: *\nDisallow: /a**b***c\nAllow: /a*b\nDisallow: /%e2%82%ac\nDisallow: /€uro\nDisallow: $\n',
  'User-agent: ABEP-Register\nUser-agent: x\nDisallow: /x\nAllow: /x/\nDisallow: /*?\nAllow: /*?id=$\n',
];
const paths = [
  '/',
  '/private/',
  '/private/public',
  '/private/publicx',
  '/admin',
  '/admin/ok',
  '/admin/ok2',
  '/docs/report.pdf',
  '/docs/report.pdf?x',
  '/search?q=1',
  '/searchq=',
  '/search/help',
  '/news/1/edit',
  '/axbxc',
  '/ab',
  '/%E2%82%AC',
  '/€uro',
  '/x',
  '/x/',
  '/y?id=',
  '/y?id=2',
];

describe('robots.txt rules', () => {
  it.each(files)('gives the verdicts robots-parser gives (%#)', (text) => {
    const ours = parseRobotsTxt(ROBOTS, text, UA, 10_000);
    const theirs = robotsParser(ROBOTS, text);
    for (const path of paths) {
      const url = `https://www.camden.test${path}`;
      expect([path, ours.isAllowed(url)]).toEqual([path, theirs.isAllowed(url, UA) !== false]);
    }
    expect(ours.isAllowed('https://other.test/private/')).toBe(true);
  });

  const fill = (line: string) => `User-agent: *\n${line.repeat(Math.floor(MAX_ROBOTS_BYTES / line.length))}`;
  const longPath = `/${'a'.repeat(2000)}`;
  it.each([
    ['one wildcard line', `User-agent: *\nDisallow: /${'*a'.repeat(MAX_ROBOTS_BYTES / 2 - 20)}b\n`, true],
    ['one wildcard line that matches', `User-agent: *\nDisallow: /${'*a'.repeat(900)}\n`, false],
    ['many wildcard rules', fill('Disallow: /*a*a*a*a*a*a*a*b\n'), true],
    ['many literal rules', fill('Disallow: /aaaaaaaaaaaaaaaaaaaab\n'), true],
    ['stars only', `User-agent: *\nDisallow: /${'*'.repeat(MAX_ROBOTS_BYTES - 30)}b\n`, true],
  ])('decides a 2,000-character path against a hostile 512 KiB robots.txt (%s)', (_name, text, allowed) => {
    const robots = parseRobotsTxt(ROBOTS, text, UA, 10_000);
    for (let i = 0; i < 20; i++) {
      expect(robots.isAllowed(`https://www.camden.test${longPath}?${i}`)).toBe(allowed);
    }
  });
});
