import { describe, expect, it } from 'vitest';
import type { CrawlStatus } from './crawl-status.ts';
import { createProgressView, levelBesideBars } from './progress.ts';

function status(fetched: number): CrawlStatus {
  return {
    crawlId: 'c-1',
    state: 'running',
    pipelines: ['la-websites'],
    totals: { requested: 100, fetched, unchanged: 0, failed: 1, failedByCode: {} },
    ratePerSecond: 2.5,
    etaSeconds: 30,
    hosts: [],
  } as unknown as CrawlStatus;
}

describe('progress off a terminal', () => {
  it('prints one plain line per interval and one at the end', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    let t = 0;
    const view = createProgressView(stream, { everyMs: 60_000, now: () => t });
    view.update(status(10));
    t = 30_000;
    view.update(status(20));
    expect(lines).toEqual([]);
    t = 61_000;
    view.update(status(40));
    t = 62_000;
    view.update(status(41));
    view.stop();
    expect(lines).toEqual([
      'abep: 41/100 pages settled (fetched 40, unchanged 0, failed 1) · 2.5 pages/s · ETA ≥ 30 s\n',
      'abep: 42/100 pages settled (fetched 41, unchanged 0, failed 1) · 2.5 pages/s · ETA ≥ 30 s\n',
    ]);
  });
});

describe('logs beside the bars', () => {
  it('keeps a terminal to warnings unless a level is asked for', () => {
    expect(levelBesideBars('info', undefined, { isTTY: true })).toBe('warn');
    expect(levelBesideBars('info', 'debug', { isTTY: true })).toBe('info');
    expect(levelBesideBars('info', undefined, { isTTY: false })).toBe('info');
  });
});
