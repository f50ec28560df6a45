import type { AbepError, CrawlFailedV1, CrawlRequestedV1, PageFetchedV1 } from '@abep/schemas';
import type { StoredValidators } from './validators.ts';

/** How one request settles: the message to publish, and for a fetched page the validators to keep. */
export type Outcome =
  | { kind: 'fetched'; message: PageFetchedV1; validators?: StoredValidators }
  | { kind: 'failed'; message: CrawlFailedV1 };

export function failure(
  request: CrawlRequestedV1,
  url: string,
  error: AbepError,
  failedAt: Date,
  status?: number,
): Outcome {
  const attempts = typeof error.details?.attempts === 'number' ? error.details.attempts : 1;
  return {
    kind: 'failed',
    message: {
      crawlId: request.crawlId,
      pipeline: request.pipeline,
      url,
      depth: request.depth,
      failedAt: failedAt.toISOString(),
      code: error.code,
      message: error.message.slice(0, 500),
      ...(status !== undefined ? { status } : {}),
      attempts: Math.max(1, Math.trunc(attempts)),
      ...(request.laCode ? { laCode: request.laCode } : {}),
    },
  };
}

export function fetchedMessage(
  request: CrawlRequestedV1,
  url: string,
  v: Omit<StoredValidators, 'url'>,
  unchanged: boolean,
  fetchedAt: string,
): PageFetchedV1 {
  return {
    crawlId: request.crawlId,
    pipeline: request.pipeline,
    url,
    finalUrl: v.finalUrl,
    depth: request.depth,
    status: v.status,
    contentType: v.contentType,
    ...(v.charset ? { charset: v.charset } : {}),
    fetchedAt,
    unchanged,
    warc: v.warc,
    sha256: v.sha256,
    bytes: v.bytes,
    ...(request.laCode ? { laCode: request.laCode } : {}),
    ...(request.sourceUrl ? { sourceUrl: request.sourceUrl } : {}),
  };
}

/** An integer detail of an error (an HTTP status), else undefined. */
export function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
