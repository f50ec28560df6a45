import { AbepError, PipelineName } from '@abep/schemas';
import { Cron } from 'croner';
import { z } from 'zod';

/** As the CLI's MAX_DEADLINE_MINUTES. */
const MAX_SCHEDULE_DEADLINE_MINUTES = 30_000;

export const Schedule = z.object({
  /** Names the schedule in logs and status. */
  name: z.string().min(1),
  pipelines: z.array(PipelineName).min(1),
  /** Five- or six-field cron expression, evaluated in `timezone`. */
  cron: z.string().min(1),
  timezone: z.string().default('Europe/London'),
  laCodes: z.array(z.string()).optional(),
  /**
   * At most 30,000 (~20 days, as `abep run --deadline-minutes`): a crawl's deadline becomes a date in
   * crawl.started.v1, and the run limit built on it must stay a valid date and fit Node's timer.
   */
  deadlineMinutes: z.int().min(1).max(MAX_SCHEDULE_DEADLINE_MINUTES).default(120),
});
export type Schedule = z.infer<typeof Schedule>;

export const Schedules = z.array(Schedule);

/** Parses schedules (JSON text) and checks every cron expression, naming the schedule that is wrong. */
export function parseSchedules(json: string, source = 'ABEP_SCHEDULER_SCHEDULES'): Schedule[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new AbepError('CONFIG_INVALID', `${source}: not valid JSON; expected a JSON array of schedules`);
  }
  const parsed = Schedules.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AbepError(
      'CONFIG_INVALID',
      `${source}[${issue?.path.join('.')}]: ${issue?.message}; expected {name, pipelines, cron}`,
    );
  }
  for (const [i, s] of parsed.data.entries()) {
    try {
      new Cron(s.cron, { timezone: s.timezone, paused: true }).stop();
    } catch (cause) {
      throw new AbepError(
        'CONFIG_INVALID',
        `${source}[${i}].cron: "${s.cron}" is not a valid cron expression (${(cause as Error).message}); e.g. "0 2 * * 1" = Mondays 02:00`,
      );
    }
  }
  return parsed.data;
}

/**
 * Whether a due run may start. Policy: never two overlapping crawls of one pipeline — a run that falls due
 * while an earlier crawl of any of its pipelines is still going is skipped (and logged), not queued; runs
 * missed while the scheduler was down are not caught up: the next due time is the next run.
 */
export function mayStart(
  schedule: Schedule,
  runningPipelines: ReadonlySet<string>,
): { ok: true } | { ok: false; busy: string[] } {
  const busy = schedule.pipelines.filter((p) => runningPipelines.has(p));
  return busy.length ? { ok: false, busy } : { ok: true };
}

/** The next `count` times a schedule falls due after `from`, as ISO strings. */
export function nextRuns(schedule: Schedule, count: number, from: Date): string[] {
  const job = new Cron(schedule.cron, { timezone: schedule.timezone, paused: true });
  try {
    return job.nextRuns(count, from).map((d) => d.toISOString());
  } finally {
    job.stop();
  }
}
