import { randomUUID } from 'node:crypto';
import type { Bus, Handler, Subscription } from '@abep/bus';
import type { Logger } from '@abep/logger';
import type { CrawlFinishedV1, TopicName } from '@abep/schemas';
import { CrawlProgress } from './crawl-progress.ts';

/** Every tracker's consumer groups start with this; the rest is random per start. */
const GROUP_PREFIX = 'crawl-tracker-';

export interface CrawlTrackerOptions {
  bus: Bus;
  logger: Logger;
  /** How often completion and deadlines are checked. */
  checkIntervalMs?: number;
  now?: () => number;
}

export interface CrawlTracker {
  start(): Promise<void>;
  progress(crawlId: string): CrawlProgress | undefined;
  crawls(): CrawlProgress[];
  close(): Promise<void>;
}

/**
 * Detects the end of each crawl from the lifecycle topics and announces it on crawl.finished.v1 (every
 * request settled, or the deadline passed), with its outcome and coverage. State is rebuilt from the topics on start, so it survives restarts; a
 * crawl already announced is never announced twice.
 */
export function createCrawlTracker(options: CrawlTrackerOptions): CrawlTracker {
  const { bus } = options;
  const logger = options.logger.child({ component: 'crawl-tracker' });
  const now = options.now ?? Date.now;
  const crawls = new Map<string, CrawlProgress>();
  const subscriptions: Subscription[] = [];
  let timer: NodeJS.Timeout | undefined;
  let checking = false;

  const progressOf = (crawlId: string) => {
    let p = crawls.get(crawlId);
    if (!p) {
      p = new CrawlProgress(crawlId);
      crawls.set(crawlId, p);
    }
    return p;
  };

  async function announce(p: CrawlProgress, endedBy: NonNullable<CrawlFinishedV1['endedBy']>) {
    const summary = p.summary(endedBy, new Date(now()));
    await bus.publish('crawl.finished.v1', [summary]);
    // Only once it is on the topic: a failed publish leaves the crawl for the next check to announce.
    p.finished = true;
    logger.info(
      {
        crawlId: p.crawlId,
        outcome: summary.outcome,
        endedBy,
        reason: summary.reason,
        counts: summary.counts,
        coverage: summary.coverage,
      },
      'crawl finished',
    );
  }

  async function check() {
    if (checking) return;
    checking = true;
    try {
      for (const p of crawls.values()) {
        if (p.isComplete()) await announce(p, 'settled');
        else if (p.isPastDeadline(now())) await announce(p, 'deadline');
      }
    } catch (err) {
      logger.warn({ err }, 'could not announce a finished crawl; will retry');
    } finally {
      checking = false;
    }
  }

  return {
    async start() {
      for await (const read of bus.readToEnd('crawl.finished.v1')) {
        if (read.ok) progressOf(read.delivery.value.crawlId).finished = true;
      }
      // A fresh group per start, read from the beginning: progress is rebuilt from the whole history, and every
      // tracker (abep run's, abep serve scheduler's) sees every message, where a shared durable group would split
      // the partitions between them. So history is re-read on each start; a poison message in it that an
      // earlier tracker dead-lettered (the dead-letter topic says so) is skipped, not dead-lettered again.
      const letters = new Set<string>();
      for await (const read of bus.readToEnd('message.dead-lettered.v1')) {
        const l = read.ok ? read.delivery.value : undefined;
        if (l?.groupId.startsWith(GROUP_PREFIX)) letters.add(`${l.topic}/${l.partition}/${l.offset}`);
      }
      const alreadyDeadLettered = (m: { topic: string; partition: number; offset: string }) =>
        letters.has(`${m.topic}/${m.partition}/${m.offset}`);
      const groupId = `${GROUP_PREFIX}${randomUUID()}`;
      const sub = <N extends TopicName>(topic: N, handler: Handler<N>) =>
        bus.subscribe({
          topic,
          groupId,
          fromBeginning: true,
          handler,
          partitionConcurrency: 8,
          alreadyDeadLettered,
        });
      subscriptions.push(
        await sub('crawl.finished.v1', async (d) => {
          progressOf(d.value.crawlId).finished = true;
        }),
        await sub('crawl.started.v1', async (d) => progressOf(d.value.crawlId).onStarted(d.value, now())),
        await sub('crawl.requested.v1', async (d) => progressOf(d.value.crawlId).onRequested(d.value, now())),
        await sub('page.fetched.v1', async (d) => progressOf(d.value.crawlId).onFetched(d.value, now())),
        await sub('crawl.failed.v1', async (d) => progressOf(d.value.crawlId).onFailed(d.value, now())),
        await sub('observation.extracted.v1', async (d) => {
          if (d.value.kind === 'page-examined') progressOf(d.value.source.crawlId).onExamined(d.value, now());
        }),
      );
      timer = setInterval(() => void check(), options.checkIntervalMs ?? 250);
    },
    progress: (crawlId) => crawls.get(crawlId),
    crawls: () => [...crawls.values()],
    async close() {
      if (timer) clearInterval(timer);
      await Promise.all(subscriptions.map((s) => s.close()));
    },
  };
}
