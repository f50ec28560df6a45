import { createHash, randomUUID } from 'node:crypto';
import type { Bus, Subscription } from '@abep/bus';
import type { Fetcher, FetchResponse } from '@abep/fetcher';
import type { Logger } from '@abep/logger';
import {
  AbepError,
  type CrawlFailedV1,
  type CrawlRequestedV1,
  HttpUrl,
  hostKey,
  isAbepError,
  ScopeRules,
  type ScopeRulesInput,
} from '@abep/schemas';
import { type ObjectStore, readBytes } from '@abep/store';
import { normaliseUrl } from '@abep/urls';
import { crawlContextHeaders, FAILURE_HEADER, type WarcCapture, WarcWriter } from '@abep/warc';
import { CrawlerConfig, type CrawlerConfigInput } from './config.ts';
import { doneMarkerKey, validatorsKey } from './keys.ts';
import { chooseLinks, forgetLinks, type LinkBook } from './link-requests.ts';
import { failure as failureAt, fetchedMessage, numberOr, type Outcome } from './messages.ts';
import { createPageClaims } from './page-claims.ts';
import { type CompiledScope, compileScope } from './scope.ts';
import { type CrawlerStats, type SettledListener, StatsBook } from './stats.ts';
import { StoredValidators } from './validators.ts';

export interface PipelineScopes {
  /** Scope rules of a pipeline; undefined = the config's defaultScope. */
  scopeFor(pipeline: string): ScopeRulesInput | undefined;
}

export interface CrawlerDeps {
  bus: Bus;
  store: ObjectStore;
  fetcher: Fetcher;
  logger: Logger;
  config?: CrawlerConfigInput;
  pipelines?: PipelineScopes;
  /** The clock of request and failure times (the CLI passes ABEP_FIXED_CLOCK's). */
  now?: () => Date;
}

export interface Crawler {
  /** Subscribes to crawl.requested.v1. */
  start(): Promise<void>;
  /**
   * Handles one request to its settle message; what the subscription calls (exposed for embedding). If
   * `signal` aborts before the fetch is done, it rejects without settling (the request is redelivered).
   */
  handle(request: CrawlRequestedV1, signal?: AbortSignal): Promise<void>;
  stats(): CrawlerStats;
  /** Calls `listener` for each request this crawler settles from now on (the one owner of its host counts); returns an unsubscribe. */
  onSettled(listener: SettledListener): () => void;
  /** Stores every pending WARC file now. */
  flush(): Promise<void>;
  /** Stops consuming, lets handlers finish and stores pending WARC files. Does not close bus, store or fetcher. */
  close(): Promise<void>;
}

interface CrawlState extends LinkBook {
  settled: Set<string>;
  /** URL → its handling; a second delivery of the URL waits for it rather than settling alongside. */
  inFlight: Map<string, Promise<void>>;
}

interface Captured {
  pointer: Omit<StoredValidators, 'url'>;
  stored: Promise<void>;
}

export function createCrawler(deps: CrawlerDeps): Crawler {
  const config = CrawlerConfig.parse(deps.config ?? {});
  const { bus, store, fetcher } = deps;
  const now = deps.now ?? (() => new Date());
  const failure = (request: CrawlRequestedV1, url: string, error: AbepError, status?: number): Outcome =>
    failureAt(request, url, error, now(), status);
  const logger = deps.logger.child({ component: 'crawler' });
  const writerId = config.writerId ?? `crawler-${process.pid}-${randomUUID().slice(0, 8)}`;
  const stats = new StatsBook();
  const claims = createPageClaims(store);
  const crawls = new Map<string, CrawlState>();
  const writers = new Map<string, WarcWriter>();
  const scopes = new Map<string, CompiledScope>();
  let subscription: Subscription | undefined;
  /** Handlers between fetch start and WARC append: when none remain, pending files are stored at once. */
  let capturing = 0;
  /** Per host, the delivery signal of its last request here: aborted once that partition was revoked. */
  const leases = new Map<string, AbortSignal>();

  function stateOf(crawlId: string): CrawlState {
    let state = crawls.get(crawlId);
    if (!state) {
      state = {
        settled: new Set(),
        inFlight: new Map(),
        requested: new Set(),
        linksPerHost: new Map(),
      };
      crawls.set(crawlId, state);
    }
    return state;
  }

  function scopeOf(pipeline: string): CompiledScope {
    let scope = scopes.get(pipeline);
    if (!scope) {
      const rules = deps.pipelines?.scopeFor(pipeline);
      scope = compileScope(rules ? ScopeRules.parse(rules) : config.defaultScope);
      scopes.set(pipeline, scope);
    }
    return scope;
  }

  function writerFor(crawlId: string): WarcWriter {
    let writer = writers.get(crawlId);
    if (!writer) {
      writer = new WarcWriter({
        store,
        crawlId,
        writerId,
        maxFileBytes: config.warcMaxFileBytes,
        maxPendingMs: config.warcRollMs,
        maxPendingRecords: config.warcRollRecords,
      });
      writers.set(crawlId, writer);
    }
    return writer;
  }

  function rollIfIdle(): void {
    if (capturing > 0) return;
    for (const writer of writers.values()) if (writer.pendingRecords > 0) void writer.roll().catch(() => {});
  }

  async function loadValidators(url: string): Promise<StoredValidators | undefined> {
    const bytes = await readBytes(store, validatorsKey(url));
    if (!bytes) return undefined;
    const parsed = StoredValidators.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success && parsed.data.url === url ? parsed.data : undefined;
  }

  /** HTML is archived as the UTF-8 text the fetcher decoded, so every reader sees one encoding. */
  async function capture(request: CrawlRequestedV1, url: string, response: FetchResponse): Promise<Captured> {
    const html = response.isHtml && response.text !== undefined;
    const body = html ? Buffer.from(response.text ?? '', 'utf8') : response.body;
    const headers = { ...response.headers };
    if (html) headers['content-type'] = `${response.contentType}; charset=utf-8`;
    const record: WarcCapture = {
      url: response.finalUrl,
      status: response.status,
      headers,
      body,
      date: response.fetchedAt,
      // What the page was fetched for, so a replay of these captures gives the crawl's own register.
      warcHeaders: {
        ...crawlContextHeaders({
          crawlId: request.crawlId,
          pipeline: request.pipeline,
          laCode: request.laCode,
          requestedUrl: url,
          depth: request.depth,
          sourceUrl: request.sourceUrl,
        }),
        ...(html && response.charset ? { 'WARC-Abep-Original-Charset': response.charset } : {}),
      },
    };
    const appended = await writerFor(request.crawlId).append(record);
    const pointer: Omit<StoredValidators, 'url'> = {
      ...(response.validators.etag ? { etag: response.validators.etag } : {}),
      ...(response.validators.lastModified ? { lastModified: response.validators.lastModified } : {}),
      finalUrl: response.finalUrl,
      status: response.status,
      contentType: response.contentType || 'application/octet-stream',
      ...(html && response.charset ? { charset: response.charset } : {}),
      sha256: html ? createHash('sha256').update(body).digest('hex') : response.sha256,
      bytes: body.length,
      fetchedAt: response.fetchedAt,
      warc: { key: appended.key, offset: appended.offset, length: appended.length },
    };
    return { pointer, stored: appended.stored };
  }

  async function publishLinks(
    request: CrawlRequestedV1,
    url: string,
    response: FetchResponse,
  ): Promise<{ requested: number; dropped: number }> {
    const none = { requested: 0, dropped: 0 };
    if (!response.isHtml || response.text === undefined || response.status >= 300) return none;
    const scope = scopeOf(request.pipeline);
    const depth = request.depth + 1;
    if (depth > scope.rules.maxDepth) return none;
    const state = stateOf(request.crawlId);
    const { links, dropped } = chooseLinks(request, url, response.text, response.finalUrl, {
      scope,
      depth,
      state,
      maxLinksPerPage: config.maxLinksPerPage,
      now: now(),
    });
    try {
      await bus.publish('crawl.requested.v1', links);
    } catch (err) {
      forgetLinks(state, links);
      throw err;
    }
    if (dropped) {
      logger.info(
        {
          url,
          crawlId: request.crawlId,
          requested: links.length,
          dropped,
          maxLinksPerPage: config.maxLinksPerPage,
        },
        'links over the per-page or per-host cap not requested',
      );
    }
    return { requested: links.length, dropped };
  }

  async function fetchAndCapture(
    request: CrawlRequestedV1,
    url: string,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const host = hostKey(url);
    const hostStats = stats.host(host);
    const validators = await loadValidators(url);
    const conditional =
      validators && (validators.etag || validators.lastModified)
        ? {
            ...(validators.etag ? { etag: validators.etag } : {}),
            ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
          }
        : undefined;
    hostStats.queued--;
    hostStats.inFlight++;
    capturing++;
    let captured: Captured | undefined;
    let response: FetchResponse;
    try {
      try {
        response = await fetcher.fetch({
          url,
          ...(conditional ? { conditional } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (err) {
        // Handed to another consumer or shutting down: not a failure of the page; it is fetched again later.
        if (signal?.aborted) throw err;
        if (isAbepError(err)) return failure(request, url, err, numberOr(err.details?.status));
        throw err;
      }
      if (response.status === 304) {
        if (!validators) {
          return failure(
            request,
            url,
            new AbepError('HTTP_CLIENT_ERROR', '304 without an earlier capture'),
            304,
          );
        }
        return {
          kind: 'fetched',
          message: fetchedMessage(request, url, validators, true, response.fetchedAt),
        };
      }
      if (response.status >= 400 && response.status < 500) {
        const error = new AbepError('HTTP_CLIENT_ERROR', `HTTP ${response.status}`, {
          details: { attempts: response.attempts },
        });
        return failure(request, url, error, response.status);
      }
      captured = await capture(request, url, response);
    } finally {
      capturing--;
      hostStats.inFlight--;
      hostStats.queued++;
      rollIfIdle();
    }
    if (!captured) throw new AbepError('INTERNAL', 'capture missing');
    // Links carry no pointer to the capture, so they go before its WARC file is stored: the host's next
    // pages enter the frontier without waiting out the file's roll.
    const links = await publishLinks(request, url, response);
    await captured.stored;
    const { pointer } = captured;
    return {
      kind: 'fetched',
      message: {
        ...fetchedMessage(request, url, pointer, false, response.fetchedAt),
        linksRequested: links.requested,
        ...(links.dropped ? { linksDropped: links.dropped } : {}),
      },
      ...(response.status === 200 && (pointer.etag || pointer.lastModified)
        ? { validators: { url, ...pointer } }
        : {}),
    };
  }

  /**
   * A failed fetch goes into the crawl's WARC as a metadata record too, so a replay of the crawl's captures
   * knows which LAs could not be read. Best effort: stored with the next roll, not waited for.
   */
  async function recordFailure(message: CrawlFailedV1): Promise<void> {
    if (!HttpUrl.safeParse(message.url).success) return;
    await writerFor(message.crawlId).appendMetadata({
      url: message.url,
      date: message.failedAt,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(message)),
      warcHeaders: {
        ...crawlContextHeaders({
          crawlId: message.crawlId,
          pipeline: message.pipeline,
          laCode: message.laCode,
          requestedUrl: message.url,
          depth: message.depth,
        }),
        [FAILURE_HEADER]: message.code,
      },
    });
  }

  async function settle(request: CrawlRequestedV1, url: string, outcome: Outcome): Promise<void> {
    const host = hostKey(url);
    if (outcome.kind === 'fetched') {
      await bus.publish('page.fetched.v1', [outcome.message]);
      stats.settled({ host, outcome: outcome.message.unchanged ? 'unchanged' : 'ok' });
      if (outcome.validators)
        await store.put(validatorsKey(url), JSON.stringify(outcome.validators), {
          contentType: 'application/json',
        });
    } else {
      await recordFailure(outcome.message);
      await bus.publish('crawl.failed.v1', [outcome.message]);
      stats.settled({ host, outcome: 'failed', code: outcome.message.code });
    }
    await store
      .put(doneMarkerKey(request.crawlId, url), outcome.kind, { ifNoneMatch: '*' })
      .catch((err: unknown) => {
        if (!(isAbepError(err) && err.code === 'STORE_CONFLICT')) throw err;
      });
  }

  async function handle(request: CrawlRequestedV1, signal?: AbortSignal): Promise<void> {
    const state = stateOf(request.crawlId);
    let url: string;
    try {
      url = normaliseUrl(request.url);
    } catch (err) {
      if (!isAbepError(err)) throw err;
      return settle(request, request.url, failure(request, request.url, err));
    }
    const host = hostKey(url);
    const hostStats = stats.host(host);
    // The host's last request here came under a partition lease since revoked: the process that held the
    // partition in between may have fetched from the host, so its next fetch waits a full delay.
    const lease = leases.get(host);
    if (signal && lease !== signal) {
      if (lease?.aborted) fetcher.recontact(url);
      leases.set(host, signal);
    }
    for (let running = state.inFlight.get(url); running; running = state.inFlight.get(url)) {
      // If the first delivery is given up (aborted, store down), this one must still settle the URL.
      await running.catch(() => {});
    }
    if (state.settled.has(url)) {
      hostStats.duplicates++;
      return;
    }
    const handling = handleOnce(request, url, state, signal);
    state.inFlight.set(url, handling);
    try {
      await handling;
    } finally {
      state.inFlight.delete(url);
    }
  }

  async function handleOnce(
    request: CrawlRequestedV1,
    url: string,
    state: CrawlState,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const host = hostKey(url);
    const hostStats = stats.host(host);
    state.requested.add(url);
    hostStats.queued++;
    try {
      if (await store.head(doneMarkerKey(request.crawlId, url))) {
        hostStats.duplicates++;
      } else {
        const scope = scopeOf(request.pipeline);
        const max = scope.rules.maxPagesPerHost;
        let outcome: Outcome;
        if (!(await claims.claim(request.crawlId, host, url, max))) {
          const limit = new AbepError('CRAWL_LIMIT_REACHED', `more than ${max} pages on ${host}`);
          outcome = failure(request, url, limit);
        } else {
          outcome = await fetchAndCapture(request, url, signal);
        }
        await settle(request, url, outcome);
        if (outcome.kind === 'failed') logger.debug({ url, code: outcome.message.code }, 'crawl failed');
      }
      state.settled.add(url);
    } finally {
      hostStats.queued--;
    }
  }

  return {
    async start() {
      subscription = await bus.subscribe({
        topic: 'crawl.requested.v1',
        groupId: config.groupId,
        partitionConcurrency: config.partitionConcurrency,
        maxInFlight: config.maxInFlight,
        handler: (delivery) => handle(delivery.value, delivery.signal),
      });
      logger.info({ groupId: config.groupId, writerId }, 'crawler started');
    },
    handle,
    stats() {
      let pending = 0;
      for (const writer of writers.values()) pending += writer.pendingRecords;
      const snapshot = stats.snapshot(pending);
      return snapshot;
    },
    onSettled: (listener) => stats.onSettled(listener),
    async flush() {
      await Promise.all([...writers.values()].map((w) => w.roll()));
    },
    async close() {
      await subscription?.close();
      await Promise.all([...writers.values()].map((w) => w.close()));
      logger.info({ writerId }, 'crawler stopped');
    },
  };
}
