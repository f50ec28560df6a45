import type { Bus, Subscription } from '@abep/bus';
import type { Gazetteer, SchoolGazetteer, SchoolIndex } from '@abep/gazetteer';
import type { Logger } from '@abep/logger';
import {
  type CrawlNormalisedV1,
  type LaRoleObservation,
  type ObservationV1,
  type RegisterRecordV1,
  registerKey,
  toAbepError,
} from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { boundRecord } from './bound-record.ts';
import type { NormaliserConfig } from './config.ts';
import { type Correction, correctionIds } from './corrections.ts';
import {
  type CrawlTracker,
  createCrawlTracker,
  isComplete,
  noteObservation,
  pagesExpected,
} from './crawl-tracker.ts';
import { buildLaProfiles } from './la-profiles.ts';
import { markPublished, normaliseBatch } from './normalise-batch.ts';
import { publishRecords } from './publish-records.ts';
import { withoutControls } from './publishable.ts';
import { createRegisterState, type RegisterState } from './register-state.ts';
import { stableJson } from './stable-json.ts';

export interface NormaliserDeps {
  bus: Bus;
  store: ObjectStore;
  logger: Logger;
  config: NormaliserConfig;
  gazetteer: Gazetteer;
  corrections: readonly Correction[];
  schools?: SchoolIndex | SchoolGazetteer;
  now?: () => Date;
}

export interface Normaliser {
  /** Rebuilds state from the register topic, then consumes observations and crawl events. */
  start(): Promise<void>;
  /** Folds a finished crawl now, without waiting for the rest of its pages. */
  flush(crawlId: string): Promise<void>;
  close(): Promise<void>;
  readonly state: RegisterState;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function createNormaliser(deps: NormaliserDeps): Normaliser {
  const { bus, store, config, gazetteer, corrections } = deps;
  const logger = deps.logger.child({ component: 'normaliser' });
  const now = deps.now ?? (() => new Date());
  let state = createRegisterState();
  const trackers = new Map<string, CrawlTracker>();
  const late: ObservationV1[] = [];
  const subscriptions: Subscription[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const tracker = (crawlId: string) => {
    const t = trackers.get(crawlId) ?? createCrawlTracker(crawlId);
    trackers.set(crawlId, t);
    return t;
  };

  async function alreadyNormalised(crawlId: string): Promise<boolean> {
    return (await store.head(`audit/${crawlId}/summary.json`)) !== undefined;
  }

  /** A crawl's observations (each once, by kind and id) and failed fetches, read from their topics. */
  async function readCrawl(crawlId: string): Promise<CrawlTracker> {
    const byId = new Map<string, ObservationV1>();
    for await (const r of bus.readToEnd('observation.extracted.v1')) {
      const o = r.ok ? r.delivery.value : undefined;
      if (o?.source.crawlId === crawlId) byId.set(`${o.kind}:${o.observationId}`, o);
    }
    const read = createCrawlTracker(crawlId);
    for (const o of byId.values()) noteObservation(read, o);
    const failed = new Set<string>();
    for await (const r of bus.readToEnd('crawl.failed.v1')) {
      const f = r.ok ? r.delivery.value : undefined;
      if (f?.crawlId !== crawlId || !f.laCode || failed.has(f.url)) continue;
      failed.add(f.url);
      read.failuresByLa.set(f.laCode, (read.failuresByLa.get(f.laCode) ?? 0) + 1);
    }
    return read;
  }

  async function finalise(crawlId: string): Promise<void> {
    const t = tracker(crawlId);
    const finished = t.finished;
    if (t.done || !finished) return;
    if (t.timer) clearTimeout(t.timer);
    if (await alreadyNormalised(crawlId)) {
      t.done = true;
      logger.info(
        { crawlId, skipped: 'ALREADY_NORMALISED' },
        'crawl already normalised; not folding it twice',
      );
      return;
    }
    // The fold's input is re-read from the topics, not taken from memory, so a normaliser restarted (or
    // killed) mid-crawl folds everything the crawl produced, each observation once.
    const read = await readCrawl(crawlId);
    const observations = [...read.pending, ...late];
    const readUrls = observations.flatMap((o) =>
      o.kind === 'page-examined' && o.source.crawlId === crawlId ? [o.source.url] : [],
    );
    const result = normaliseBatch(observations, corrections, gazetteer, state, {
      inactiveAfterCrawls: config.inactiveAfterCrawls,
      finishedCrawlId: crawlId,
      read: { laCodes: new Set(read.pagesByLa.keys()), urls: new Set(readUrls) },
      ...(deps.schools ? { schools: deps.schools } : {}),
    });
    const unknown = correctionIds(corrections).filter((id) => !state.entities.has(id));
    if (unknown.length)
      logger.warn(
        { crawlId, ids: unknown.slice(0, 50), count: unknown.length },
        'corrections name ids not in the register',
      );
    // Profiles carry page text (role excerpts): published without control characters, as records are.
    const profiles = buildLaProfiles(
      gazetteer,
      {
        crawlId,
        finishedAt: finished.finishedAt,
        pagesByLa: read.pagesByLa,
        failuresByLa: read.failuresByLa,
        roles: observations.filter(
          (o): o is LaRoleObservation => o.kind === 'la-role' && o.source.crawlId === crawlId,
        ),
      },
      result.records,
      state.profiles,
    ).map((p) => {
      const cuts: string[] = [];
      const bounded = boundRecord(withoutControls(p), cuts);
      if (cuts.length) result.truncated.push({ key: registerKey(bounded), cuts });
      return bounded;
    });
    const changedProfiles = profiles.filter((p) => state.published.get(registerKey(p)) !== stableJson(p));
    const updates: RegisterRecordV1[] = [...result.changed, ...changedProfiles];
    const published = await publishRecords(bus, updates, { groupId: config.groupId, logger, now });
    markPublished(state, published);
    if (result.truncated.length) {
      logger.warn(
        { crawlId, records: result.truncated.length, first: result.truncated.slice(0, 5) },
        'records cut to their size limits',
      );
      await store.put(`audit/${crawlId}/truncated.json`, json(result.truncated), {
        contentType: 'application/json',
      });
    }
    for (const p of profiles) state.profiles.set(p.laCode, p);

    const rejected = result.rejected.filter((r) => r.crawlId === crawlId);
    const unresolved = result.unresolved.filter((u) => u.crawlId === crawlId);
    const active = result.records.filter((r) => !r.withdrawn);
    const message: CrawlNormalisedV1 = {
      crawlId,
      normalisedAt: now().toISOString(),
      pagesSeen: read.pagesSeen,
      pagesExpected: pagesExpected(finished),
      partnerships: active.length,
      localAuthorities: profiles.length,
      rejectedMentions: rejected.length,
      localAuthorityCoverage: {
        examined: profiles.filter((p) => read.pagesByLa.has(p.laCode)).length,
        unreachable: profiles.filter((p) => !read.pagesByLa.has(p.laCode) && read.failuresByLa.has(p.laCode))
          .length,
        notCrawled: profiles.filter((p) => !read.pagesByLa.has(p.laCode) && !read.failuresByLa.has(p.laCode))
          .length,
      },
      crawl: finished,
    };
    await store.put(`audit/${crawlId}/rejected.json`, json(rejected), { contentType: 'application/json' });
    await store.put(`audit/${crawlId}/unresolved-areas.json`, json(unresolved), {
      contentType: 'application/json',
    });
    await bus.publish('crawl.normalised.v1', [message]);
    await store.put(
      `audit/${crawlId}/summary.json`,
      json({
        ...message,
        recordsPublished: published.length,
        recordsRefused: updates.length - published.length,
      }),
      {
        contentType: 'application/json',
      },
    );
    t.done = true;
    t.pending = [];
    late.length = 0;
    logger.info(
      {
        crawlId,
        pagesSeen: read.pagesSeen,
        pagesExpected: message.pagesExpected,
        partnerships: message.partnerships,
        published: published.length,
        rejected: rejected.length,
        unresolvedAreas: unresolved.length,
      },
      'crawl normalised',
    );
  }

  function finaliseLater(crawlId: string): void {
    serial(() => finalise(crawlId)).catch((err) =>
      logger.error({ crawlId, err: toAbepError(err).toJSON() }, 'normalising the crawl failed'),
    );
  }

  return {
    get state() {
      return state;
    },
    async start() {
      const records: RegisterRecordV1[] = [];
      let unreadable = 0;
      for await (const read of bus.readToEnd('register.updated.v1')) {
        if (read.ok) records.push(read.delivery.value);
        else unreadable += 1;
      }
      // Compacted topic: the last value per key wins.
      const latest = new Map(records.map((r) => [registerKey(r), r]));
      state = createRegisterState(latest.values());
      logger.info({ records: latest.size, unreadable }, 'register state rebuilt');

      const groupId = config.groupId;
      subscriptions.push(
        await bus.subscribe({
          topic: 'observation.extracted.v1',
          groupId,
          handler: async ({ value }) => {
            const t = tracker(value.source.crawlId);
            if (t.done) late.push(value);
            else noteObservation(t, value);
            if (value.kind === 'page-examined' && !t.done && isComplete(t))
              await serial(() => finalise(t.crawlId));
          },
        }),
        await bus.subscribe({
          topic: 'crawl.finished.v1',
          groupId,
          handler: async ({ value }) => {
            const t = tracker(value.crawlId);
            if (t.done) return;
            t.finished = value;
            // The crawl tracker decides completion: 'settled' means it saw every fetched page examined, so
            // everything is on the topics already. Only a crawl cut off at its deadline (or a replay, which
            // announces its end before extraction) waits for the rest of its pages, up to the grace period.
            if (value.endedBy === 'settled' || isComplete(t)) {
              await serial(() => finalise(value.crawlId));
              return;
            }
            logger.info(
              {
                crawlId: value.crawlId,
                pagesSeen: t.pagesSeen,
                pagesExpected: pagesExpected(value),
                graceMs: config.graceMs,
              },
              'waiting for the crawl’s pages to be examined',
            );
            t.timer = setTimeout(() => finaliseLater(value.crawlId), config.graceMs);
          },
        }),
      );
    },
    flush: (crawlId) => serial(() => finalise(crawlId)),
    async close() {
      for (const t of trackers.values()) if (t.timer) clearTimeout(t.timer);
      await Promise.all(subscriptions.map((s) => s.close()));
      await chain;
    },
  };
}
