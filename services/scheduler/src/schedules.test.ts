import { describe, expect, it } from 'vitest';
import { mayStart, parseSchedules } from './schedules.ts';

describe('parseSchedules', () => {
  it('parses a schedule with defaults', () => {
    const [s] = parseSchedules('[{"name":"weekly","pipelines":["la-websites"],"cron":"0 2 * * 1"}]');
    expect(s).toMatchObject({ timezone: 'Europe/London', deadlineMinutes: 120 });
  });

  it.each([
    [1, true],
    [30_000, true],
    [30_001, false],
    [2 ** 31, false],
    [1e15, false],
  ])('deadlineMinutes %d: accepted %s (bounded so its deadline stays a date and a timer)', (minutes, ok) => {
    const json = `[{"name":"w","pipelines":["la-websites"],"cron":"0 2 * * 1","deadlineMinutes":${minutes}}]`;
    if (ok) expect(parseSchedules(json)[0]?.deadlineMinutes).toBe(minutes);
    else expect(() => parseSchedules(json)).toThrow(/deadlineMinutes/);
  });

  it('names the schedule whose cron is wrong, with an example of a right one', () => {
    expect(() => parseSchedules('[{"name":"x","pipelines":["la-websites"],"cron":"every day"}]')).toThrow(
      /ABEP_SCHEDULER_SCHEDULES\[0\]\.cron: "every day" is not a valid cron expression/,
    );
  });

  it('names the field of a malformed schedule', () => {
    expect(() => parseSchedules('[{"name":"x","pipelines":[],"cron":"* * * * *"}]')).toThrow(
      /\[0\.pipelines\]/,
    );
    expect(() => parseSchedules('{')).toThrow(/not valid JSON/);
  });
});

describe('mayStart', () => {
  const s = {
    name: 'n',
    pipelines: ['la-websites', 'partnership-sites'],
    cron: '* * * * *',
    timezone: 'UTC',
    deadlineMinutes: 5,
  };
  it('refuses to overlap a running crawl of any of its pipelines', () => {
    expect(mayStart(s, new Set(['partnership-sites']))).toEqual({ ok: false, busy: ['partnership-sites'] });
    expect(mayStart(s, new Set(['sector-directories']))).toEqual({ ok: true });
  });
});
