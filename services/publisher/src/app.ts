import type { Bus, Subscription } from '@abep/bus';
import { type Gazetteer, loadGazetteer, type SchoolGazetteer } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import { type MapFile, mapFiles } from '@abep/map';
import { type CrawlNormalisedV1, topics } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { planSnapshot } from './build-snapshot.ts';
import { PublisherConfig, type PublisherConfigInput } from './config.ts';
import { layout } from './layout.ts';
import { LatestPointer, type ManifestCrawl } from './manifest.ts';
import { type PublishResult, publishSnapshot } from './publish.ts';
import { readRegister } from './read-register.ts';
import { prune } from './snapshots.ts';
import { readValidated } from './store-io.ts';

export type PublishTrigger =
  | { reason: 'crawl'; crawl: CrawlNormalisedV1 }
  | { reason: 'manual' | 'startup' | 'schedule' };

export interface PublisherDeps {
  bus: Bus;
  store: ObjectStore;
  logger: Logger;
  config?: PublisherConfigInput;
  gazetteer?: Gazetteer;
  /** The school lists, read on first publish (undefined when they could not be read: no school counts then). */
  schools?: () => SchoolGazetteer | undefined;
  now?: () => Date;
  hooks?: { afterFiles?: () => Promise<void> | void; afterManifest?: () => Promise<void> | void };
  /** Content files up to this size keep their bytes between hashing and writing; larger ones are made again and streamed. */
  keepBytesUpTo?: number;
  /** The map published in every version (default: @abep/map's mapFiles); `false` publishes data only. */
  map?: false | (() => Promise<readonly MapFile[]>);
}

export interface Publisher {
  /** Rebuilds the register from its topic and publishes a version if the content changed. Calls run one at a time. */
  publishNow(trigger?: PublishTrigger): Promise<PublishResult>;
  /** Subscribes to crawl.normalised: each folded-in crawl triggers a publish. */
  start(): Promise<void>;
  close(): Promise<void>;
}

function crawlOf(m: CrawlNormalisedV1): ManifestCrawl {
  return {
    crawlId: m.crawlId,
    startedAt: m.crawl.startedAt,
    finishedAt: m.crawl.finishedAt,
    outcome: m.crawl.outcome,
    coverage: m.crawl.coverage,
    ...(m.crawl.endedBy ? { endedBy: m.crawl.endedBy } : {}),
    ...(m.crawl.reason ? { reason: m.crawl.reason } : {}),
    normalisedAt: m.normalisedAt,
    pagesSeen: m.pagesSeen,
    pagesExpected: m.pagesExpected,
  };
}

export function createPublisher(deps: PublisherDeps): Publisher {
  const config = PublisherConfig.parse(deps.config ?? {});
  const logger = deps.logger.child({ component: 'publisher' });
  const paths = layout(config.prefix);
  const now = deps.now ?? (() => new Date());
  let gazetteer = deps.gazetteer;
  let subscription: Subscription | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Crawls folded in since the latest version, read back from crawl.normalised so a restart loses none. */
  async function crawlsSince(trigger: PublishTrigger): Promise<ManifestCrawl[]> {
    const latest = await readValidated(deps.store, paths.latest, LatestPointer);
    const since = latest?.value.publishedAt ?? '';
    const found = new Map<string, ManifestCrawl>();
    try {
      for await (const r of deps.bus.readToEnd(topics.crawlNormalised.name)) {
        if (r.ok && r.delivery.value.normalisedAt > since)
          found.set(r.delivery.value.crawlId, crawlOf(r.delivery.value));
      }
    } catch (err) {
      logger.warn({ err }, 'could not read crawl.normalised; the manifest lists only the triggering crawl');
    }
    if (trigger.reason === 'crawl') found.set(trigger.crawl.crawlId, crawlOf(trigger.crawl));
    return [...found.values()];
  }

  async function run(trigger: PublishTrigger): Promise<PublishResult> {
    gazetteer ??= loadGazetteer();
    const [register, boundaries, crawls] = await Promise.all([
      readRegister(deps.bus),
      gazetteer.geometry(),
      crawlsSince(trigger),
    ]);
    const schoolCounts = deps.schools?.()?.countsByLa();
    const siteFiles = deps.map === false ? [] : await (deps.map ?? mapFiles)();
    const content = planSnapshot(register, gazetteer.localAuthorities, boundaries, {
      ...(schoolCounts ? { schoolCounts } : {}),
      siteFiles,
      parquetRowGroupRows: config.parquetRowGroupRows,
      csvBom: config.csvBom,
      ...(deps.keepBytesUpTo !== undefined ? { keepBytesUpTo: deps.keepBytesUpTo } : {}),
    });
    // A crawl that read nothing is no evidence about the register: it must not become what analysts read.
    if (trigger.reason === 'crawl' && trigger.crawl.crawl.outcome === 'failed') {
      const latest = await readValidated(deps.store, paths.latest, LatestPointer);
      const reason = `crawl ${trigger.crawl.crawlId} failed (${trigger.crawl.crawl.reason ?? 'nothing read'}); latest not moved`;
      logger.warn({ crawlId: trigger.crawl.crawlId, latest: latest?.value.version }, reason);
      return {
        status: 'withheld',
        reason,
        version: latest?.value.version ?? '',
        previousVersion: latest?.value.version ?? null,
        contentHash: content.contentHash,
        rows: content.rows,
        invalidRecords: register.invalid.count,
      };
    }
    const result = await publishSnapshot(
      {
        store: deps.store,
        paths,
        logger,
        now,
        casAttempts: config.casAttempts,
        maxRemovedShare: config.maxRemovedShare,
        ...(deps.hooks ? { hooks: deps.hooks } : {}),
      },
      {
        content,
        withdrawn: register.withdrawn,
        withdrawnIds: register.withdrawnIds,
        invalid: register.invalid,
        crawls,
        trigger: trigger.reason,
      },
    );
    if (result.status === 'published' && result.manifest) {
      await deps.bus.publish(topics.snapshotPublished.name, [
        {
          version: result.version,
          manifestKey: paths.manifest(result.version),
          publishedAt: result.manifest.publishedAt,
          crawlIds: result.manifest.crawls.map((c) => c.crawlId),
          partnerships: result.rows.partnerships,
          localAuthorities: result.rows.localAuthorities,
        },
      ]);
      if (config.retainVersions) {
        const pruned = await prune(
          { store: deps.store, prefix: config.prefix },
          { keepNewest: config.retainVersions },
        );
        if (pruned.removed.length) logger.info({ removed: pruned.removed.length }, 'pruned old versions');
      }
    }
    return result;
  }

  return {
    publishNow(trigger = { reason: 'manual' }) {
      const next = queue.then(() => run(trigger));
      queue = next.catch(() => undefined);
      return next;
    },
    async start() {
      subscription = await deps.bus.subscribe({
        topic: topics.crawlNormalised.name,
        groupId: config.groupId,
        handler: async (delivery) => {
          await this.publishNow({ reason: 'crawl', crawl: delivery.value });
        },
      });
    },
    async close() {
      await subscription?.close();
      await queue;
    },
  };
}
