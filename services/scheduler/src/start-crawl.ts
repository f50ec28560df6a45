import { randomBytes } from 'node:crypto';
import type { Bus } from '@abep/bus';
import type { Gazetteer } from '@abep/gazetteer';
import type { CrawlRequestedV1 } from '@abep/schemas';
import { normaliseUrl } from '@abep/urls';
import { buildPlan, type CrawlPlan } from './plan.ts';
import type { StartCrawl } from './scheduler.ts';

export function newCrawlId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `c-${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Announces a crawl (crawl.started.v1, with its seed count and deadline) and then requests its seeds. */
export async function startCrawl(
  bus: Bus,
  plan: CrawlPlan,
  options: { crawlId: string; now: Date; deadlineMinutes: number },
): Promise<{ crawlId: string; seeds: number; deadline: string }> {
  const requestedAt = options.now.toISOString();
  const seeds: CrawlRequestedV1[] = [];
  const seen = new Set<string>();
  for (const seed of plan.seeds) {
    const url = normaliseUrl(seed.url);
    if (seen.has(url)) continue;
    seen.add(url);
    seeds.push({
      crawlId: options.crawlId,
      pipeline: seed.pipeline,
      url,
      depth: 0,
      requestedAt,
      ...(seed.laCode ? { laCode: seed.laCode } : {}),
    });
  }
  const deadline = new Date(options.now.getTime() + options.deadlineMinutes * 60_000).toISOString();
  await bus.publish('crawl.started.v1', [
    {
      crawlId: options.crawlId,
      startedAt: requestedAt,
      plan: {
        pipelines: plan.pipelines,
        ...(plan.laCodes ? { laCodes: plan.laCodes } : {}),
        ...(plan.urls ? { urls: plan.urls.slice(0, 1000) } : {}),
      },
      seeds: seeds.length,
      deadline,
    },
  ]);
  for (let i = 0; i < seeds.length; i += 200)
    await bus.publish('crawl.requested.v1', seeds.slice(i, i + 200));
  return { crawlId: options.crawlId, seeds: seeds.length, deadline };
}

/** How the scheduler starts a due schedule's crawl: its plan (pipelines, LAs) built and announced on `bus`. */
export function crawlStarter(deps: { bus: Bus; gazetteer: Gazetteer; now?: () => Date }): StartCrawl {
  const now = deps.now ?? (() => new Date());
  return async (request) => {
    const plan = buildPlan(
      { pipeline: request.pipelines, ...(request.laCodes ? { la: request.laCodes } : {}) },
      { gazetteer: deps.gazetteer },
    );
    const at = now();
    const { crawlId } = await startCrawl(deps.bus, plan, {
      crawlId: newCrawlId(at),
      now: at,
      deadlineMinutes: request.deadlineMinutes,
    });
    return crawlId;
  };
}
