import { describe, expect, it } from 'vitest';
import { defaultFetcherConfig, FetcherConfig } from './fetcher-config.ts';

describe('FetcherConfig', () => {
  it('has polite, guarded defaults and an identifying User-Agent', () => {
    const config = defaultFetcherConfig();
    expect(config.userAgent).toBe(
      'abep-register/0.1 (+https://github.com/abep-register/abep-register; data@abep-register.invalid)',
    );
    expect(config).toMatchObject({
      perHostConcurrency: 1,
      perHostMinDelayMs: 1000,
      respectRobots: true,
      allowPrivateNetworks: [],
      htmlTypes: ['text/html', 'application/xhtml+xml'],
    });
    expect(config.timeouts.totalMs).toBeGreaterThan(config.timeouts.headersMs);
    expect(config.retry.maxAttempts).toBeGreaterThanOrEqual(1);
  });

  it('builds the User-Agent from a configured contact unless one is given outright', () => {
    expect(defaultFetcherConfig({ contact: '+https://example.org/bot' }).userAgent).toBe(
      'abep-register/0.1 (+https://example.org/bot)',
    );
    expect(defaultFetcherConfig({ userAgent: 'custom/1.0' }).userAgent).toBe('custom/1.0');
  });

  it('fills nested defaults when only part of a group is given', () => {
    const config = defaultFetcherConfig({ timeouts: { totalMs: 5_000 }, retry: { maxAttempts: 1 } });
    expect(config.timeouts).toMatchObject({ totalMs: 5_000, connectMs: 10_000 });
    expect(config.retry).toMatchObject({ maxAttempts: 1, maxRetryAfterMs: 120_000 });
  });

  it.each([
    { perHostConcurrency: 0 },
    { maxBodyBytes: -1 },
    { proxyUrl: 'socks5://proxy:1080' },
    { allowPrivateNetworks: ['10.0.0.0/8', 'bad entry!'] },
  ])('rejects %o', (bad) => {
    expect(FetcherConfig.safeParse(bad).success).toBe(false);
  });

  const LARGEST_TIMER = 2 ** 31 - 1;
  it.each([
    ['timeouts', 'connectMs'],
    ['timeouts', 'headersMs'],
    ['timeouts', 'bodyMs'],
    ['timeouts', 'totalMs'],
    ['retry', 'initialDelayMs'],
    ['retry', 'maxDelayMs'],
    ['retry', 'maxRetryAfterMs'],
    [undefined, 'robotsTtlMs'],
    [undefined, 'robotsErrorTtlMs'],
    [undefined, 'maxCrawlDelayMs'],
  ])('%s %s: Node’s largest timer is accepted, one more is refused naming it', (group, field) => {
    const withValue = (value: number) => (group ? { [group]: { [field]: value } } : { [field]: value });
    expect(FetcherConfig.safeParse(withValue(LARGEST_TIMER)).success).toBe(true);
    const refused = FetcherConfig.safeParse(withValue(LARGEST_TIMER + 1));
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([group ? `${group}.${field}` : field]);
  });
});
