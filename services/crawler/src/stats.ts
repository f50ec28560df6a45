import type { ErrorCode } from '@abep/schemas';

export interface HostStats {
  host: string;
  queued: number;
  inFlight: number;
  fetched: number;
  unchanged: number;
  failed: number;
  failedByCode: Partial<Record<ErrorCode, number>>;
  robotsBlocked: number;
  /** Requests skipped because the URL was already settled in this crawl. */
  duplicates: number;
}

/** One request this crawler settled, once its settle message (page.fetched / crawl.failed) is published. */
export type Settled =
  | { host: string; outcome: 'ok' | 'unchanged' }
  | { host: string; outcome: 'failed'; code: ErrorCode };

/** Runs synchronously as each request settles; must not throw. */
export type SettledListener = (event: Settled) => void;

export interface CrawlerStats {
  hosts: HostStats[];
  totals: Omit<HostStats, 'host'>;
  warcPendingRecords: number;
}

/** Mutable per-host counters behind `stats()`. */
export class StatsBook {
  private readonly byHost = new Map<string, HostStats>();
  private readonly listeners = new Set<SettledListener>();

  onSettled(listener: SettledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  host(host: string): HostStats {
    let entry = this.byHost.get(host);
    if (!entry) {
      entry = {
        host,
        queued: 0,
        inFlight: 0,
        fetched: 0,
        unchanged: 0,
        failed: 0,
        failedByCode: {},
        robotsBlocked: 0,
        duplicates: 0,
      };
      this.byHost.set(host, entry);
    }
    return entry;
  }

  /** Counts a settled request for its host and tells every listener. */
  settled(event: Settled): void {
    const entry = this.host(event.host);
    if (event.outcome === 'failed') {
      entry.failed++;
      entry.failedByCode[event.code] = (entry.failedByCode[event.code] ?? 0) + 1;
      if (event.code === 'ROBOTS_DISALLOWED') entry.robotsBlocked++;
    } else if (event.outcome === 'ok') entry.fetched++;
    else entry.unchanged++;
    for (const listener of this.listeners) listener(event);
  }

  snapshot(warcPendingRecords: number): CrawlerStats {
    const hosts = [...this.byHost.values()].map((h) => ({ ...h, failedByCode: { ...h.failedByCode } }));
    const totals: Omit<HostStats, 'host'> = {
      queued: 0,
      inFlight: 0,
      fetched: 0,
      unchanged: 0,
      failed: 0,
      failedByCode: {},
      robotsBlocked: 0,
      duplicates: 0,
    };
    for (const h of hosts) {
      totals.queued += h.queued;
      totals.inFlight += h.inFlight;
      totals.fetched += h.fetched;
      totals.unchanged += h.unchanged;
      totals.failed += h.failed;
      totals.robotsBlocked += h.robotsBlocked;
      totals.duplicates += h.duplicates;
      for (const [code, n] of Object.entries(h.failedByCode) as [ErrorCode, number][]) {
        totals.failedByCode[code] = (totals.failedByCode[code] ?? 0) + n;
      }
    }
    return { hosts, totals, warcPendingRecords };
  }
}
