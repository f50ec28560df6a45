import type { z } from 'zod';
import {
  CrawlFailedV1,
  CrawlFinishedV1,
  CrawlNormalisedV1,
  CrawlRequestedV1,
  CrawlStartedV1,
  PageFetchedV1,
} from './crawl.ts';
import { DeadLetterV1 } from './dead-letter.ts';
import { ObservationV1 } from './observation.ts';
import { RegisterRecordV1, registerKey } from './register.ts';
import { SnapshotPublishedV1 } from './snapshot.ts';

export interface TopicSpec<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /** What the message key is; per-key ordering holds within a topic. */
  key: string;
  /** Derives the key from the message, so no producer computes it differently. */
  keyOf: (message: z.infer<S>) => string;
  cleanupPolicy: 'delete' | 'compact';
  /** What order consumers may rely on (the bus keeps per-key order on the topic; a consumer may not need it). */
  ordering: string;
  partitions: number;
  description: string;
}

/** Lower-case host of a URL; a string that is not a URL keys as itself. */
export function hostKey(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}

function topic<const N extends string, S extends z.ZodType>(
  spec: TopicSpec<S> & { name: N },
): TopicSpec<S> & { name: N } {
  return spec;
}

/**
 * The one topic catalogue: the bus validates against it, infra creates topics from it, docs list it.
 * Names are `<entity>.<past-tense verb>.v<N>`; a breaking change is a new version, never an edit.
 */
export const topics = {
  crawlRequested: topic({
    name: 'crawl.requested.v1',
    schema: CrawlRequestedV1,
    key: 'URL host (lower-case), so one consumer owns a host',
    keyOf: (m) => hostKey(m.url),
    cleanupPolicy: 'delete',
    ordering:
      'none: requests are handled out of order (the crawler frontier orders them by host politeness); the key only keeps a host on one partition, so one consumer owns a host at a time',
    // The unit of scale-out across crawler processes; within a process the frontier overlaps many hosts.
    partitions: 24,
    description: 'A URL to fetch within a crawl (seeds and discovered links).',
  }),
  pageFetched: topic({
    name: 'page.fetched.v1',
    schema: PageFetchedV1,
    key: 'URL host',
    keyOf: (m) => hostKey(m.url),
    cleanupPolicy: 'delete',
    ordering: 'per host, in settle order (not request order)',
    partitions: 6,
    description: 'A fetched page: pointer to its WARC record in the object store, never the body.',
  }),
  crawlFailed: topic({
    name: 'crawl.failed.v1',
    schema: CrawlFailedV1,
    key: 'URL host',
    keyOf: (m) => hostKey(m.url),
    cleanupPolicy: 'delete',
    ordering: 'per host, in settle order',
    partitions: 3,
    description: 'A crawl request that could not be fetched, with a stable error code.',
  }),
  crawlStarted: topic({
    name: 'crawl.started.v1',
    schema: CrawlStartedV1,
    key: 'crawl id',
    keyOf: (m) => m.crawlId,
    cleanupPolicy: 'delete',
    ordering: 'per crawl id',
    partitions: 1,
    description: 'A crawl began: its plan and number of seeds.',
  }),
  crawlFinished: topic({
    name: 'crawl.finished.v1',
    schema: CrawlFinishedV1,
    key: 'crawl id',
    keyOf: (m) => m.crawlId,
    cleanupPolicy: 'delete',
    ordering: 'per crawl id',
    partitions: 1,
    description: 'A crawl settled or hit its deadline, with counts and coverage; triggers publishing.',
  }),
  crawlNormalised: topic({
    name: 'crawl.normalised.v1',
    schema: CrawlNormalisedV1,
    key: 'crawl id',
    keyOf: (m) => m.crawlId,
    cleanupPolicy: 'delete',
    ordering: 'per crawl id',
    partitions: 1,
    description: 'The normaliser has folded a finished crawl into the register; triggers publishing.',
  }),
  observationExtracted: topic({
    name: 'observation.extracted.v1',
    schema: ObservationV1,
    key: 'LA code when known, else source URL host',
    keyOf: (m) => m.source.laCode ?? hostKey(m.source.url),
    cleanupPolicy: 'delete',
    ordering: 'per LA code (or source host), in extraction order',
    partitions: 6,
    description: 'What the extractor read on a page: partnership mentions, LA roles, pages examined.',
  }),
  registerUpdated: topic({
    name: 'register.updated.v1',
    schema: RegisterRecordV1,
    key: '`partnership:<id>` or `la:<laCode>`',
    keyOf: (m) => registerKey(m),
    cleanupPolicy: 'compact',
    ordering: 'per record id: the latest value wins (compacted)',
    partitions: 3,
    description: 'The register itself: latest record per stable id (compacted).',
  }),
  snapshotPublished: topic({
    name: 'snapshot.published.v1',
    schema: SnapshotPublishedV1,
    key: 'version',
    keyOf: (m) => m.version,
    cleanupPolicy: 'delete',
    ordering: 'one partition: versions in publish order',
    partitions: 1,
    description: 'A register version was published to the store.',
  }),
  deadLettered: topic({
    name: 'message.dead-lettered.v1',
    schema: DeadLetterV1,
    key: 'original topic',
    keyOf: (m) => m.topic,
    cleanupPolicy: 'delete',
    ordering: 'one partition: in the order messages failed',
    partitions: 1,
    description: 'Messages no handler could process, with the error code and the original bytes.',
  }),
} as const;

export type Topics = typeof topics;
export type TopicKey = keyof Topics;
export type TopicName = Topics[TopicKey]['name'];
export type TopicByName<N extends TopicName> = Extract<Topics[TopicKey], { name: N }>;
export type MessageOf<N extends TopicName> = z.infer<TopicByName<N>['schema']>;

export const topicList: readonly TopicSpec[] = Object.values(topics);

export function topicSpec(name: string): TopicSpec | undefined {
  return topicList.find((t) => t.name === name);
}
