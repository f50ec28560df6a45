import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Bus } from '@abep/bus';
import { AbepError, CrawlFailedV1, HttpUrl, type PageFetchedV1 } from '@abep/schemas';
import type { ObjectStore } from '@abep/store';
import { crawlContextOf, FAILURE_HEADER, iterateWarc, readWarcRecord } from '@abep/warc';

export interface ReplayOptions {
  store: ObjectStore;
  /** When given, every message is published to page.fetched.v1 before it is yielded. */
  bus?: Bus;
  crawlId: string;
  /** Pipeline of a record that does not say what it was fetched for (no WARC-Abep-* headers; see guess). */
  pipeline: string;
  /**
   * Pipeline and LA of a record without the crawler's WARC-Abep-* headers (other tools' WARCs, the labelled
   * corpus); records that have them replay as they were crawled: pipeline, LA, requested URL, depth, source.
   */
  guess?: (url: string) => { pipeline: string; laCode?: string };
  /**
   * Called with each fetch the crawl recorded as failed (a metadata record the crawler writes), re-labelled
   * with this replay's crawl id, so a replay knows which LAs could not be read.
   */
  onFailure?: (failure: CrawlFailedV1) => void;
  /** WARC files already in the store: explicit keys and/or every key under a prefix. */
  keys?: string[];
  prefix?: string;
  /** Local WARC files; each is copied to `warc/<crawlId>/imported-<name>` first (gzip per record required). */
  paths?: string[];
  laCode?: string;
}

/** The crawl id the crawler wrote on the first capture of these WARC files, if it wrote one. */
export async function crawlIdOfWarcs(paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) {
    for await (const entry of iterateWarc(createReadStream(path))) {
      return crawlContextOf(entry.warcHeaders).crawlId;
    }
  }
  return undefined;
}

export interface ReplayResult {
  keys: string[];
  messages: number;
}

async function importFile(store: ObjectStore, crawlId: string, path: string): Promise<string> {
  const name = basename(path).replace(/[^a-zA-Z0-9._-]/g, '_');
  const key = `warc/${crawlId}/imported-${name}`;
  if (!(await store.head(key)))
    await store.put(key, createReadStream(path), { contentType: 'application/warc' });
  return key;
}

/**
 * page.fetched.v1 for every response record of the given WARC files, pointing at the records in the store,
 * so extraction can re-run on old captures without refetching. sha256 is of the payload as archived, the same
 * value the crawl published. Lazy: nothing is read or published until the iterable is consumed.
 */
export async function* replayWarc(options: ReplayOptions): AsyncGenerator<PageFetchedV1, ReplayResult> {
  const { store } = options;
  const keys = [...(options.keys ?? [])];
  if (options.prefix) for await (const object of store.list(options.prefix)) keys.push(object.key);
  for (const path of options.paths ?? []) keys.push(await importFile(store, options.crawlId, path));
  let messages = 0;
  for (const key of keys) {
    const object = await store.get(key);
    if (!object) throw new AbepError('STORE_NOT_FOUND', `WARC file ${key} does not exist`);
    let verified = false;
    const onMetadata = (record: { warcHeaders: Record<string, string>; body: Buffer }) => {
      if (!options.onFailure || !record.warcHeaders[FAILURE_HEADER.toLowerCase()]) return;
      let json: unknown;
      try {
        json = JSON.parse(record.body.toString('utf8'));
      } catch {
        return;
      }
      const failure = CrawlFailedV1.safeParse(json);
      if (failure.success) options.onFailure({ ...failure.data, crawlId: options.crawlId });
    };
    for await (const entry of iterateWarc(object.body, { onMetadata })) {
      if (!HttpUrl.safeParse(entry.targetUri).success || entry.status < 100 || entry.status > 599) continue;
      const warc = { key, offset: entry.offset, length: entry.length };
      if (!verified) {
        await readWarcRecord(store, warc).catch((cause: unknown) => {
          throw new AbepError(
            'MANIFEST_INVALID',
            `${key} is not gzipped per record: records cannot be read alone`,
            { cause },
          );
        });
        verified = true;
      }
      const context = crawlContextOf(entry.warcHeaders);
      const guessed = context.pipeline ? undefined : options.guess?.(entry.targetUri);
      const laCode = context.pipeline ? context.laCode : (guessed?.laCode ?? options.laCode);
      const charset =
        entry.warcHeaders['warc-abep-original-charset']?.toLowerCase() ??
        /charset=([^;\s]+)/i.exec(entry.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      const requested = context.requestedUrl && HttpUrl.safeParse(context.requestedUrl).success;
      const source = context.sourceUrl && HttpUrl.safeParse(context.sourceUrl).success;
      const message: PageFetchedV1 = {
        crawlId: options.crawlId,
        pipeline: context.pipeline ?? guessed?.pipeline ?? options.pipeline,
        url: requested ? (context.requestedUrl as string) : entry.targetUri,
        finalUrl: entry.targetUri,
        depth: context.depth ?? 0,
        status: entry.status,
        contentType: entry.contentType || 'application/octet-stream',
        ...(charset && entry.contentType.includes('html') ? { charset } : {}),
        fetchedAt: new Date(entry.date || Date.now()).toISOString(),
        unchanged: false,
        warc,
        sha256: createHash('sha256').update(entry.body).digest('hex'),
        bytes: entry.body.length,
        ...(laCode ? { laCode } : {}),
        ...(source ? { sourceUrl: context.sourceUrl as string } : {}),
      };
      if (options.bus) await options.bus.publish('page.fetched.v1', [message]);
      messages++;
      yield message;
    }
  }
  return { keys, messages };
}
