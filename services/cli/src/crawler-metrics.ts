import type { Crawler } from '@abep/crawler';
import type { Metrics } from '@abep/observability';

/** How often the per-host queue-depth gauge is sampled. */
const QUEUE_SAMPLE_MS = 2000;

/**
 * The crawler's metrics: pages fetched counted as each request settles (the crawler's settle events, so a count
 * is never rebuilt from its stats), and the host queue-depth gauge sampled from its stats.
 */
export function recordCrawlerMetrics(
  crawler: Pick<Crawler, 'onSettled' | 'stats'>,
  metrics: Pick<Metrics, 'pageFetched' | 'hostQueueDepth'>,
): { stop(): void } {
  const unsubscribe = crawler.onSettled((e) => metrics.pageFetched(e.host, e.outcome));
  const timer = setInterval(() => {
    for (const h of crawler.stats().hosts) metrics.hostQueueDepth(h.host, h.queued);
  }, QUEUE_SAMPLE_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
