import { inheritsLa } from '@abep/pipelines';
import type { CrawlFinishedV1, ObservationV1 } from '@abep/schemas';

/**
 * What the normaliser holds of one crawl while waiting to fold it in: its observations, until the crawl
 * tracker's crawl.finished.v1 (the one owner of crawl counts) has arrived and every page it counts is examined.
 */
export interface PendingCrawl {
  crawlId: string;
  pending: ObservationV1[];
  pagesSeen: number;
  pagesByLa: Map<string, Set<string>>;
  failuresByLa: Map<string, number>;
  finished: CrawlFinishedV1 | undefined;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

export function createPendingCrawl(crawlId: string): PendingCrawl {
  return {
    crawlId,
    pending: [],
    pagesSeen: 0,
    pagesByLa: new Map(),
    failuresByLa: new Map(),
    finished: undefined,
    timer: undefined,
    done: false,
  };
}

export function noteObservation(tracker: PendingCrawl, obs: ObservationV1): void {
  tracker.pending.push(obs);
  if (obs.kind !== 'page-examined') return;
  tracker.pagesSeen += 1;
  // A page reached by a discovered link inherits the laCode of whichever page linked to it first, so that code
  // records arrival order (which differs between buses), not the page; such pages count for no single LA.
  const seed = inheritsLa(obs.source.pipeline) ? undefined : (obs.laCode ?? obs.source.laCode);
  // The LAs the page itself is about (read from the page, so the same on every bus) count too.
  for (const la of new Set([...(seed ? [seed] : []), ...(obs.aboutLas ?? [])])) {
    const pages = tracker.pagesByLa.get(la) ?? new Set();
    pages.add(obs.source.url);
    tracker.pagesByLa.set(la, pages);
  }
}

export function pagesExpected(finished: CrawlFinishedV1): number {
  return finished.counts.fetched + finished.counts.unchanged;
}

/** Every page the crawl fetched has been examined (the extractor emits one page-examined per page). */
export function isComplete(tracker: PendingCrawl): boolean {
  return tracker.finished !== undefined && tracker.pagesSeen >= pagesExpected(tracker.finished);
}
