import type { Logger } from '@abep/logger';
import { Cron } from 'croner';
import type { CrawlTracker } from './crawl-tracker.ts';
import { mayStart, type Schedule } from './schedules.ts';

export type StartCrawl = (plan: {
  pipelines: string[];
  laCodes?: string[];
  deadlineMinutes: number;
  reason: string;
}) => Promise<string>;

export interface SchedulerOptions {
  schedules: Schedule[];
  tracker: CrawlTracker;
  startCrawl: StartCrawl;
  logger: Logger;
}

export interface Scheduler {
  /** Runs the schedule now (used by tests and `abep crawl`), with the same overlap rule. */
  trigger(name: string): Promise<string | undefined>;
  next(): { name: string; nextRun: string | undefined }[];
  close(): void;
}

export function runningPipelines(tracker: CrawlTracker): Set<string> {
  const running = new Set<string>();
  for (const crawl of tracker.crawls()) {
    if (crawl.started && !crawl.finished) for (const p of crawl.started.plan.pipelines) running.add(p);
  }
  return running;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const logger = options.logger.child({ component: 'scheduler' });
  const byName = new Map(options.schedules.map((s) => [s.name, s]));

  async function run(schedule: Schedule): Promise<string | undefined> {
    const decision = mayStart(schedule, runningPipelines(options.tracker));
    if (!decision.ok) {
      logger.warn(
        { schedule: schedule.name, busy: decision.busy },
        'skipped: a crawl of this pipeline is still running',
      );
      return undefined;
    }
    const crawlId = await options.startCrawl({
      pipelines: schedule.pipelines,
      ...(schedule.laCodes ? { laCodes: schedule.laCodes } : {}),
      deadlineMinutes: schedule.deadlineMinutes,
      reason: `schedule ${schedule.name}`,
    });
    logger.info({ schedule: schedule.name, crawlId }, 'scheduled crawl started');
    return crawlId;
  }

  const jobs = options.schedules.map(
    (s) =>
      new Cron(
        s.cron,
        {
          timezone: s.timezone,
          protect: true,
          catch: (err) => logger.error({ err, schedule: s.name }, 'scheduled run failed'),
        },
        () => run(s).then(() => undefined),
      ),
  );

  return {
    async trigger(name) {
      const schedule = byName.get(name);
      if (!schedule) throw new Error(`no schedule named ${name}`);
      return run(schedule);
    },
    next: () =>
      options.schedules.map((s, i) => ({ name: s.name, nextRun: jobs[i]?.nextRun()?.toISOString() })),
    close() {
      for (const job of jobs) job.stop();
    },
  };
}
