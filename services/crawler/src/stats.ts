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

export interface CrawlerStats {
  hosts: HostStats[];
  totals: Omit<HostStats, 'host'>;
  warcPendingRecords: number;
}

/** Mutable per-host counters behind `stats()`. */
export class StatsBook {
  private readonly byHost = new Map<string, HostStats>();

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

  failed(host: string, code: ErrorCode): void {
    const entry = this.host(host);
    entry.failed++;
    entry.failedByCode[code] = (entry.failedByCode[code] ?? 0) + 1;
    if (code === 'ROBOTS_DISALLOWED') entry.robotsBlocked++;
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
