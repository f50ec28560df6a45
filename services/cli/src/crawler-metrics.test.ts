import type { Crawler, SettledListener } from '@abep/crawler';
import { createMetrics } from '@abep/observability';
import { describe, expect, it } from 'vitest';
import { recordCrawlerMetrics } from './crawler-metrics.ts';

function fakeCrawler() {
  const listeners = new Set<SettledListener>();
  const crawler: Pick<Crawler, 'onSettled' | 'stats'> = {
    onSettled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stats: () => ({ hosts: [], totals: {} as ReturnType<Crawler['stats']>['totals'], warcPendingRecords: 0 }),
  };
  const emit = (e: Parameters<SettledListener>[0]) => {
    for (const l of listeners) l(e);
  };
  return { crawler, emit };
}

describe('crawler metrics', () => {
  it('counts each settled page by host and outcome as it settles, and stops counting when stopped', async () => {
    const { crawler, emit } = fakeCrawler();
    const metrics = createMetrics({ service: 'crawler', defaultMetrics: false });
    const recording = recordCrawlerMetrics(crawler, metrics);
    emit({ host: 'www.leeds.gov.uk', outcome: 'ok' });
    emit({ host: 'www.leeds.gov.uk', outcome: 'ok' });
    emit({ host: 'www.leeds.gov.uk', outcome: 'failed', code: 'FETCH_TIMEOUT' });
    recording.stop();
    emit({ host: 'www.leeds.gov.uk', outcome: 'ok' });
    const text = await metrics.scrape();
    expect(text).toMatch(
      /abep_pages_fetched_total\{[^}]*host="www\.leeds\.gov\.uk"[^}]*outcome="ok"[^}]*\} 2\n/,
    );
    expect(text).toMatch(/abep_pages_fetched_total\{[^}]*outcome="failed"[^}]*\} 1\n/);
  });
});
