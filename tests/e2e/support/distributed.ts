import { setTimeout as sleep } from 'node:timers/promises';
import { openInfra, readSettings } from '@abep/cli';
import { loadGazetteer } from '@abep/gazetteer';
import { buildPlan, startCrawl } from '@abep/scheduler';
import type { ObjectStore } from '@abep/store';
import type { FixtureWeb } from '@abep/testkit';
import { type Env, FIXED_CLOCK, readLatestSnapshot, type Snapshot, testLogger } from './harness.ts';

/** What `abep crawl` does, with the fixture web's councils as the plan: crawl.started, then the seeds. */
export async function requestCrawl(fixture: FixtureWeb, env: Env, crawlId: string): Promise<number> {
  const settings = readSettings(env);
  const infra = await openInfra(settings.infra, testLogger());
  try {
    const plan = buildPlan(
      {},
      {
        gazetteer: loadGazetteer(),
        localAuthorities: fixture.manifest.councils.map((c) => ({
          laCode: c.laCode,
          name: c.name,
          website: c.url,
        })),
      },
    );
    const started = await startCrawl(infra.bus, plan, {
      crawlId,
      now: new Date(FIXED_CLOCK),
      deadlineMinutes: 30,
    });
    return started.seeds;
  } finally {
    await infra.close();
  }
}

/** Polls the store until latest.json names a snapshot of `crawlId`. */
export async function waitForSnapshot(
  store: ObjectStore,
  crawlId: string,
  timeoutMs: number,
): Promise<Snapshot> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const snapshot = await readLatestSnapshot(store);
      if (snapshot?.manifest.crawls.some((c) => c.crawlId === crawlId)) return snapshot;
    } catch (err) {
      lastError = err;
    }
    await sleep(1000);
  }
  throw new Error(
    `no snapshot of ${crawlId} within ${timeoutMs / 1000} s${lastError ? ` (last error: ${String(lastError)})` : ''}`,
  );
}

/** Pages the fixture web has served so far (robots.txt included). */
export function pagesServed(fixture: FixtureWeb): number {
  let n = 0;
  for (const count of fixture.requests.values()) n += count;
  return n;
}

export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
