import type { CrawlerStats } from '@abep/crawler';
import type { HostState, WaitReason } from '@abep/fetcher';
import type { CrawlProgress } from '@abep/scheduler';
import type { CrawlFinishedV1 } from '@abep/schemas';
import { type ObjectStore, readJson } from '@abep/store';

interface HostStatus {
  host: string;
  queued: number;
  inFlight: number;
  fetched: number;
  unchanged: number;
  failed: number;
  failedByCode: Record<string, number>;
  robotsBlocked: number;
  /** Why the host's next request has not started (politeness, crawl-delay, retry-after, backoff, global-concurrency). */
  waitingFor?: WaitReason;
  waitingUntil?: string;
}

/** What `abep status` shows: one crawl's progress, per host. Written by the process running the crawler. */
export interface CrawlStatus {
  crawlId: string;
  writtenAt: string;
  state: 'running' | 'finished';
  startedAt?: string;
  deadline?: string;
  pipelines: string[];
  totals: CrawlFinishedV1['counts'];
  /** Pages settled per second since the crawl started. */
  ratePerSecond?: number;
  /**
   * Seconds to settle what is requested so far at the current rate: a floor, since discovered links add work.
   * Absent until something has settled.
   */
  etaSeconds?: number;
  /** This process's frontier: requests waiting and in flight, and hosts waiting by reason. */
  frontier?: { queued: number; inFlight: number; waiting: Partial<Record<WaitReason, number>> };
  outcome?: CrawlFinishedV1['outcome'];
  coverage?: number;
  hosts: HostStatus[];
}

const statusKey = (crawlId: string) => `status/crawls/${crawlId}.json`;
const LATEST_STATUS_KEY = 'status/latest-crawl.json';

export function buildStatus(
  progress: CrawlProgress,
  crawler: CrawlerStats | undefined,
  fetcherHosts: HostState[],
  now: Date,
  finished?: Pick<CrawlFinishedV1, 'outcome' | 'coverage'>,
): CrawlStatus {
  // The fetcher keys hosts as host:port, the crawler by host name; the latest wait of a name is its wait.
  const waiting = new Map<string, HostState>();
  for (const h of fetcherHosts) {
    const name = hostnameOf(h.host);
    const seen = waiting.get(name);
    if (!seen || (h.waitingUntil ?? 0) > (seen.waitingUntil ?? 0)) waiting.set(name, h);
  }
  const summary = progress.summary('settled', now);
  const settled = summary.counts.fetched + summary.counts.unchanged + summary.counts.failed;
  const startedAt = progress.started ? Date.parse(progress.started.startedAt) : Number.NaN;
  const elapsedS = (now.getTime() - startedAt) / 1000;
  const rate = elapsedS > 0 ? settled / elapsedS : undefined;
  const frontier = { queued: 0, inFlight: 0, waiting: {} as Partial<Record<WaitReason, number>> };
  for (const h of fetcherHosts) {
    frontier.queued += h.queued;
    frontier.inFlight += h.inFlight;
    if (h.waitingFor && h.queued > 0)
      frontier.waiting[h.waitingFor] = (frontier.waiting[h.waitingFor] ?? 0) + 1;
  }
  return {
    crawlId: progress.crawlId,
    writtenAt: now.toISOString(),
    state: progress.finished ? 'finished' : 'running',
    ...(progress.started
      ? { startedAt: progress.started.startedAt, pipelines: progress.started.plan.pipelines }
      : { pipelines: [] }),
    ...(progress.started?.deadline ? { deadline: progress.started.deadline } : {}),
    totals: summary.counts,
    ...(rate !== undefined && Number.isFinite(rate) ? { ratePerSecond: Math.round(rate * 10) / 10 } : {}),
    ...(rate && Number.isFinite(rate) && !progress.finished
      ? { etaSeconds: Math.ceil(Math.max(0, summary.counts.requested - settled) / rate) }
      : {}),
    ...(fetcherHosts.length ? { frontier } : {}),
    coverage: finished?.coverage ?? summary.coverage,
    ...(finished ? { outcome: finished.outcome } : {}),
    hosts: (crawler?.hosts ?? [])
      .map((h) => {
        const w = waiting.get(h.host);
        return {
          host: h.host,
          queued: h.queued,
          inFlight: h.inFlight,
          fetched: h.fetched,
          unchanged: h.unchanged,
          failed: h.failed,
          failedByCode: { ...h.failedByCode } as Record<string, number>,
          robotsBlocked: h.robotsBlocked,
          ...(w?.waitingFor ? { waitingFor: w.waitingFor } : {}),
          ...(w?.waitingUntil ? { waitingUntil: new Date(w.waitingUntil).toISOString() } : {}),
        };
      })
      // Busiest first: in flight, then most left to do; a settled host sinks.
      .sort((a, b) => b.inFlight - a.inFlight || b.queued - a.queued || a.host.localeCompare(b.host)),
  };
}

function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}

export async function writeStatus(store: ObjectStore, status: CrawlStatus): Promise<void> {
  const body = JSON.stringify(status, null, 2);
  await store.put(statusKey(status.crawlId), body, { contentType: 'application/json' });
  await store.put(LATEST_STATUS_KEY, JSON.stringify({ crawlId: status.crawlId }), {
    contentType: 'application/json',
  });
}

export async function readStatus(store: ObjectStore, crawlId?: string): Promise<CrawlStatus | undefined> {
  let id = crawlId;
  if (!id) {
    const latest = (await store.head(LATEST_STATUS_KEY))
      ? ((await readJson(store, LATEST_STATUS_KEY)) as { crawlId: string })
      : undefined;
    id = latest?.crawlId;
  }
  if (!id || !(await store.head(statusKey(id)))) return undefined;
  return (await readJson(store, statusKey(id))) as CrawlStatus;
}

/** `abep status` as text: the crawl's totals and rate, then a row per host. */
export function statusText(status: CrawlStatus): string {
  const t = status.totals;
  const lines = [
    `crawl ${status.crawlId}: ${status.state}${status.outcome ? ` (${status.outcome})` : ''}, ${t.fetched} fetched, ${t.unchanged} unchanged, ${t.failed} failed of ${t.requested} requested (as of ${status.writtenAt})`,
    ...(status.ratePerSecond !== undefined
      ? [
          `rate ${status.ratePerSecond} pages/s${status.etaSeconds !== undefined ? `, ETA ≥ ${status.etaSeconds} s for what is requested so far` : ''}${status.frontier ? `; frontier: ${status.frontier.queued} queued, ${status.frontier.inFlight} in flight, hosts waiting ${JSON.stringify(status.frontier.waiting)}` : ''}`,
        ]
      : []),
    'host                                   queued inflight fetched unchanged failed  waiting (why, next allowed start)',
  ];
  for (const h of status.hosts) {
    const codes = Object.entries(h.failedByCode)
      .map(([c, n]) => `${c}:${n}`)
      .join(' ');
    lines.push(
      `${h.host.padEnd(38)} ${String(h.queued).padStart(6)} ${String(h.inFlight).padStart(8)} ${String(h.fetched).padStart(7)} ${String(h.unchanged).padStart(9)} ${String(h.failed).padStart(6)}  ${h.waitingFor ? `${h.waitingFor} until ${h.waitingUntil}` : '-'}${codes ? `  ${codes}` : ''}`,
    );
  }
  return lines.join('\n');
}
