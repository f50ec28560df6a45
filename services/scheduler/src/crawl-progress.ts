import type {
  CrawlFailedV1,
  CrawlFinishedV1,
  CrawlRequestedV1,
  CrawlStartedV1,
  PageExaminedObservation,
  PageFetchedV1,
} from '@abep/schemas';

type Settlement = { kind: 'fetched' | 'unchanged' } | { kind: 'failed'; code: string };

/**
 * Folds one crawl's lifecycle events into "has every request settled?". Events arrive on several topics,
 * so in any order. A fetched page counts as settled once the extractor has examined it (its page-examined
 * observation) and every link request announced for it — by the crawler (linksRequested) and by the
 * extractor (seedsRequested) — has been seen; the crawl, once the seeds announced by crawl.started have been.
 */
export class CrawlProgress {
  readonly crawlId: string;
  started: CrawlStartedV1 | undefined;
  finished = false;
  private readonly requested = new Set<string>();
  /** Depth-0 requests: what the plan itself asked for. */
  private readonly seeds = new Set<string>();
  private seedsSeen = 0;
  private readonly settled = new Map<string, Settlement>();
  /** Page URL → link requests announced for it by the crawler and by the extractor. */
  private readonly linksAnnounced = new Map<string, number>();
  private readonly seedsAnnounced = new Map<string, number>();
  private readonly examined = new Set<string>();
  private readonly requestsFrom = new Map<string, number>();
  private lastEventAt = 0;

  constructor(crawlId: string) {
    this.crawlId = crawlId;
  }

  onStarted(event: CrawlStartedV1, now: number): void {
    this.started = event;
    this.lastEventAt = now;
  }

  onRequested(event: CrawlRequestedV1, now: number): void {
    this.requested.add(event.url);
    if (event.depth === 0) {
      this.seedsSeen++;
      this.seeds.add(event.url);
    }
    if (event.sourceUrl)
      this.requestsFrom.set(event.sourceUrl, (this.requestsFrom.get(event.sourceUrl) ?? 0) + 1);
    this.lastEventAt = now;
  }

  onFetched(event: PageFetchedV1, now: number): void {
    this.settled.set(event.url, { kind: event.unchanged ? 'unchanged' : 'fetched' });
    if (event.linksRequested) this.linksAnnounced.set(event.url, event.linksRequested);
    this.lastEventAt = now;
  }

  onExamined(event: PageExaminedObservation, now: number): void {
    const url = event.requestedUrl ?? event.source.url;
    this.examined.add(url);
    if (event.seedsRequested) this.seedsAnnounced.set(url, event.seedsRequested);
    this.lastEventAt = now;
  }

  onFailed(event: CrawlFailedV1, now: number): void {
    if (!this.settled.has(event.url)) this.settled.set(event.url, { kind: 'failed', code: event.code });
    this.lastEventAt = now;
  }

  get idleForMs(): number {
    return Date.now() - this.lastEventAt;
  }

  isComplete(): boolean {
    if (!this.started || this.finished) return false;
    if (this.seedsSeen < this.started.seeds) return false;
    for (const url of this.requested) if (!this.settled.has(url)) return false;
    for (const [url, s] of this.settled) if (s.kind !== 'failed' && !this.examined.has(url)) return false;
    for (const url of new Set([...this.linksAnnounced.keys(), ...this.seedsAnnounced.keys()])) {
      const expected = (this.linksAnnounced.get(url) ?? 0) + (this.seedsAnnounced.get(url) ?? 0);
      if ((this.requestsFrom.get(url) ?? 0) < expected) return false;
    }
    return true;
  }

  isPastDeadline(now: number): boolean {
    const deadline = this.started?.deadline;
    return !this.finished && deadline !== undefined && now >= Date.parse(deadline);
  }

  /**
   * The crawl's announcement. Coverage is the share of requests that were read (fetched or unchanged); the
   * outcome is failed when nothing was read, partial when the crawl stopped early or a seed (an LA's site, a
   * partnership's home page) could not be read, else complete. A failed link deeper in a site (a 404) does
   * not make a crawl partial: it lowers coverage only.
   */
  summary(endedBy: NonNullable<CrawlFinishedV1['endedBy']>, finishedAt: Date): CrawlFinishedV1 {
    const failedByCode: Record<string, number> = {};
    const seedFailuresByCode: Record<string, number> = {};
    let fetched = 0;
    let unchanged = 0;
    let failed = 0;
    for (const [url, s] of this.settled) {
      if (s.kind === 'fetched') fetched++;
      else if (s.kind === 'unchanged') unchanged++;
      else if (s.kind === 'failed') {
        failed++;
        failedByCode[s.code] = (failedByCode[s.code] ?? 0) + 1;
        if (this.seeds.has(url)) seedFailuresByCode[s.code] = (seedFailuresByCode[s.code] ?? 0) + 1;
      }
    }
    const requested = Math.max(this.requested.size, this.settled.size);
    const read = fetched + unchanged;
    const seedsFailed = Object.values(seedFailuresByCode).reduce((a, b) => a + b, 0);
    const ending = endedBy === 'settled' ? '' : endedBy === 'deadline' ? 'at the deadline' : 'when cancelled';
    let outcome: CrawlFinishedV1['outcome'] = 'complete';
    let reason: string | undefined;
    if (requested > 0 && read === 0) {
      outcome = 'failed';
      reason =
        failed > 0
          ? `nothing could be read: ${failed} of ${requested} requests failed (${codeList(failedByCode)})${ending ? `; stopped ${ending}` : ''}`
          : `nothing was read before the crawl stopped ${ending}: ${requested} requests unsettled`;
    } else if (endedBy !== 'settled') {
      outcome = 'partial';
      reason = `stopped ${ending} with ${this.settled.size} of ${requested} requests settled, ${read} read`;
    } else if (seedsFailed > 0) {
      outcome = 'partial';
      reason = `${seedsFailed} of ${this.seeds.size} seeds could not be read (${codeList(seedFailuresByCode)})`;
    }
    return {
      crawlId: this.crawlId,
      startedAt: this.started?.startedAt ?? finishedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      outcome,
      counts: { requested, fetched, unchanged, failed, failedByCode },
      coverage: requested === 0 ? 1 : Math.min(1, read / requested),
      endedBy,
      ...(reason ? { reason } : {}),
      ...(this.started ? { plan: this.started.plan } : {}),
    };
  }
}

/** "FETCH_DNS 150, FETCH_TIMEOUT 3": most frequent first. */
function codeList(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}
