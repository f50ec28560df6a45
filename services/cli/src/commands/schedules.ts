import { nextRuns, type Schedule } from '@abep/scheduler';
import type { ObjectStore } from '@abep/store';
import { type CrawlStatus, readStatus } from '../crawl-status.ts';

export interface ScheduleRow {
  name: string;
  pipelines: string[];
  cron: string;
  timezone: string;
  nextRuns: string[];
  /** The latest crawl of exactly these pipelines whose status the store holds. */
  lastCrawl?: { crawlId: string; startedAt?: string; state: CrawlStatus['state']; outcome?: string };
}

const samePipelines = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join(',') === [...b].sort().join(',');

/** Each schedule with its next due times and the outcome of the last crawl of its pipelines. */
export async function scheduleRows(
  schedules: readonly Schedule[],
  store: ObjectStore,
  now: Date,
): Promise<ScheduleRow[]> {
  const statuses: CrawlStatus[] = [];
  for await (const info of store.list('status/crawls/')) {
    const status = await readStatus(store, info.key.replace(/^status\/crawls\//, '').replace(/\.json$/, ''));
    if (status) statuses.push(status);
  }
  statuses.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return schedules.map((s) => {
    const last = statuses.find((st) => samePipelines(st.pipelines, s.pipelines));
    return {
      name: s.name,
      pipelines: s.pipelines,
      cron: s.cron,
      timezone: s.timezone,
      nextRuns: nextRuns(s, 3, now),
      ...(last
        ? {
            lastCrawl: {
              crawlId: last.crawlId,
              ...(last.startedAt ? { startedAt: last.startedAt } : {}),
              state: last.state,
              ...(last.outcome ? { outcome: last.outcome } : {}),
            },
          }
        : {}),
    };
  });
}

export function schedulesText(rows: readonly ScheduleRow[]): string {
  if (rows.length === 0)
    return 'no schedules (set ABEP_SCHEDULER_SCHEDULES or ABEP_SCHEDULER_SCHEDULES_FILE)';
  return rows
    .map((r) =>
      [
        `${r.name}: ${r.pipelines.join(', ')} at "${r.cron}" (${r.timezone})`,
        `  next: ${r.nextRuns.join(', ') || '-'}`,
        `  last: ${r.lastCrawl ? `${r.lastCrawl.crawlId} ${r.lastCrawl.state}${r.lastCrawl.outcome ? ` (${r.lastCrawl.outcome})` : ''}${r.lastCrawl.startedAt ? ` started ${r.lastCrawl.startedAt}` : ''}` : 'no crawl recorded'}`,
      ].join('\n'),
    )
    .join('\n');
}
