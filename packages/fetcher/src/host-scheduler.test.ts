import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostScheduler } from './host-scheduler.ts';

interface Run {
  host: string;
  start: number;
  end: number;
}

function harness(perHostConcurrency: number, globalConcurrency: number) {
  const scheduler = createHostScheduler({ perHostConcurrency, globalConcurrency, now: () => Date.now() });
  const runs: Run[] = [];
  let inFlight = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  let peakPerHost = 0;
  const t0 = Date.now();
  const add = (host: string, delayMs: number, durationMs: number, signal?: AbortSignal) =>
    scheduler.run(
      host,
      { ms: delayMs, reason: 'politeness' },
      async () => {
        const run = { host, start: Date.now() - t0, end: -1 };
        runs.push(run);
        inFlight++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        peak = Math.max(peak, inFlight);
        peakPerHost = Math.max(peakPerHost, perHost.get(host) ?? 0);
        await new Promise((r) => setTimeout(r, durationMs));
        inFlight--;
        perHost.set(host, (perHost.get(host) ?? 1) - 1);
        run.end = Date.now() - t0;
      },
      signal,
    );
  const startsOf = (host: string) => runs.filter((r) => r.host === host).map((r) => r.start);
  return { scheduler, add, runs, startsOf, peaks: () => ({ global: peak, perHost: peakPerHost }) };
}

const gaps = (starts: number[]) => starts.slice(1).map((s, i) => s - (starts[i] as number));

describe('host scheduler (the fetcher frontier)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces a host by its delay between actual starts, even when a start waited for a global slot', async () => {
    const h = harness(1, 1);
    const busy = h.add('b.test', 0, 600);
    const first = h.add('a.test', 1000, 10);
    const second = h.add('a.test', 1000, 10);
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([busy, first, second]);
    const starts = h.startsOf('a.test');
    expect(starts[0]).toBe(600);
    expect(gaps(starts).every((g) => g >= 1000)).toBe(true);
  });

  it('after recontact a host waits a full delay from then, though its own last start was long before', async () => {
    const h = harness(1, 4);
    const first = h.add('a.test', 1000, 10);
    await vi.advanceTimersByTimeAsync(3000);
    await first;
    h.scheduler.recontact('a.test');
    h.scheduler.recontact('never-seen.test');
    const next = h.add('a.test', 1000, 10);
    await vi.advanceTimersByTimeAsync(5000);
    await next;
    expect(gaps(h.startsOf('a.test'))).toEqual([4000]);
  });

  it('a host waiting out a 5 s delay holds no slot: 20 fast hosts on the same scheduler finish meanwhile', async () => {
    const h = harness(1, 2);
    const all = [0, 1, 2].map(() => h.add('slow.test', 5000, 20));
    for (let i = 0; i < 20; i++) for (let n = 0; n < 3; n++) all.push(h.add(`fast${i}.test`, 50, 20));
    await vi.advanceTimersByTimeAsync(20_000);
    await Promise.all(all);
    const slow = h.startsOf('slow.test');
    expect(gaps(slow).every((g) => g >= 5000)).toBe(true);
    const lastFast = Math.max(...h.runs.filter((r) => r.host !== 'slow.test').map((r) => r.end));
    expect(lastFast).toBeLessThan(slow[1] as number);
    expect(h.peaks().global).toBe(2);
  });

  it('never exceeds per-host or global concurrency, nor starts a host closer than its delay (random load)', async () => {
    const h = harness(2, 5);
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const delays = new Map<string, number>();
    const all: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const host = `h${Math.floor(random() * 12)}.test`;
      if (!delays.has(host)) delays.set(host, Math.floor(random() * 300));
      all.push(h.add(host, delays.get(host) as number, 5 + Math.floor(random() * 200)));
    }
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all(all);
    expect(h.runs).toHaveLength(300);
    expect(h.peaks().perHost).toBeLessThanOrEqual(2);
    expect(h.peaks().global).toBeLessThanOrEqual(5);
    for (const [host, delay] of delays) expect(gaps(h.startsOf(host)).every((g) => g >= delay)).toBe(true);
  });

  it('a pause holds the host until it ends and says why; other hosts go on', async () => {
    const h = harness(1, 4);
    h.scheduler.pause('a.test', Date.now() + 3000, 'retry-after');
    const a = h.add('a.test', 0, 10);
    const b = h.add('b.test', 0, 10);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.scheduler.states().find((s) => s.host === 'a.test')).toMatchObject({
      queued: 1,
      waitingFor: 'retry-after',
    });
    expect(h.startsOf('b.test')).toEqual([0]);
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all([a, b]);
    expect(h.startsOf('a.test')[0]).toBeGreaterThanOrEqual(3000);
  });

  it('drops a queued request whose signal aborts, and the host goes on with the next', async () => {
    const h = harness(1, 1);
    const aborter = new AbortController();
    const first = h.add('a.test', 1000, 10);
    const dropped = h.add('a.test', 1000, 10, aborter.signal).catch((e: unknown) => e);
    const third = h.add('a.test', 1000, 10);
    aborter.abort(new Error('gone'));
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all([first, third]);
    expect(await dropped).toMatchObject({ message: 'gone' });
    expect(h.startsOf('a.test')).toEqual([0, 1000]);
  });
});
