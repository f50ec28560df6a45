import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore } from '@abep/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scheduleRows, schedulesText } from './commands/schedules.ts';
import { type CrawlStatus, writeStatus } from './crawl-status.ts';
import { readSettings } from './settings.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'abep-schedules-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const status = (crawlId: string, startedAt: string, pipelines: string[], outcome: string) =>
  ({
    crawlId,
    state: 'finished',
    startedAt,
    pipelines,
    outcome,
    writtenAt: startedAt,
    totals: { requested: 1, fetched: 1, unchanged: 0, failed: 0, failedByCode: {} },
    hosts: [],
  }) as unknown as CrawlStatus;

describe('abep schedules', () => {
  it('reads schedules from the variable and from a file, each with next runs and its last crawl', async () => {
    const file = join(dir, 'schedules.json');
    await writeFile(
      file,
      JSON.stringify([{ name: 'sites', pipelines: ['partnership-sites'], cron: '0 3 * * *' }]),
    );
    const settings = readSettings({
      ABEP_SCHEDULER_SCHEDULES: JSON.stringify([
        { name: 'councils', pipelines: ['la-websites'], cron: '0 2 * * 1' },
      ]),
      ABEP_SCHEDULER_SCHEDULES_FILE: file,
    });
    expect(settings.schedules.map((s) => s.name)).toEqual(['councils', 'sites']);

    const store = new DirectoryStore(join(dir, 'store'));
    await writeStatus(store, status('c-old', '2026-11-02T02:00:00Z', ['la-websites'], 'failed'));
    await writeStatus(store, status('c-new', '2026-11-09T02:00:00Z', ['la-websites'], 'complete'));
    const rows = await scheduleRows(settings.schedules, store, new Date('2026-11-10T12:00:00Z'));
    expect(rows[0]).toMatchObject({
      name: 'councils',
      nextRuns: ['2026-11-16T02:00:00.000Z', '2026-11-23T02:00:00.000Z', '2026-11-30T02:00:00.000Z'],
      lastCrawl: { crawlId: 'c-new', outcome: 'complete' },
    });
    expect(rows[1]?.lastCrawl).toBeUndefined();
    expect(schedulesText(rows)).toContain('last: no crawl recorded');
  });

  it('names the file when it cannot be read or holds a bad schedule', async () => {
    expect(() => readSettings({ ABEP_SCHEDULER_SCHEDULES_FILE: join(dir, 'missing.json') })).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('ABEP_SCHEDULER_SCHEDULES_FILE'),
      }),
    );
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ name: 'x', pipelines: ['la-websites'], cron: 'not cron' }]));
    expect(() => readSettings({ ABEP_SCHEDULER_SCHEDULES_FILE: bad })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining(bad) }),
    );
  });
});
