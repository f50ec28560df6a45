import { ScopeRules } from '@abep/schemas';
import { registrableDomain } from '@abep/urls';
import { describe, expect, it } from 'vitest';
import { compileScope, outOfScope } from './scope.ts';

const context = (depth: number) => ({
  depth,
  pageDomains: new Set(['camden.test']),
  domainOf: registrableDomain,
});

describe('outOfScope', () => {
  const scope = compileScope(
    ScopeRules.parse({ maxDepth: 2, maxPagesPerHost: 10, exclude: ['\\.(zip|exe)$', '/search\\?'] }),
  );

  it('keeps same-site links, including other hosts of the same registrable domain', () => {
    expect(outOfScope('http://www.camden.test/education', scope, context(1))).toBeUndefined();
    expect(outOfScope('http://democracy.camden.test/papers', scope, context(2))).toBeUndefined();
  });

  it('drops other sites, IP addresses, links past maxDepth and excluded patterns', () => {
    expect(outOfScope('http://www.learn-camden.test/', scope, context(1))).toBe('domain');
    expect(outOfScope('http://10.0.0.1/', scope, context(1))).toBe('no-registrable-domain');
    expect(outOfScope('http://www.camden.test/a', scope, context(3))).toBe('depth');
    expect(outOfScope('http://www.camden.test/file.zip', scope, context(1))).toBe('excluded');
    expect(outOfScope('http://www.camden.test/search?q=x', scope, context(1))).toBe('excluded');
    expect(outOfScope('file:///etc/passwd', scope, context(1))).toBe('scheme');
  });

  it('follows an explicit domain list and include patterns', () => {
    const listed = compileScope(
      ScopeRules.parse({
        registrableDomains: ['learn-camden.test'],
        include: ['/about'],
        maxDepth: 1,
        maxPagesPerHost: 5,
      }),
    );
    expect(outOfScope('http://www.learn-camden.test/about', listed, context(1))).toBeUndefined();
    expect(outOfScope('http://www.learn-camden.test/news', listed, context(1))).toBe('not-included');
    expect(outOfScope('http://www.camden.test/about', listed, context(1))).toBe('domain');
  });

  it('rejects invalid regular expressions when parsing rules', () => {
    expect(ScopeRules.safeParse({ maxDepth: 1, maxPagesPerHost: 1, exclude: ['(('] }).success).toBe(false);
  });
});
