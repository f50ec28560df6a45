/**
 * What a capture was fetched for, as WARC record headers written by the crawler, so a replay of a crawl's
 * WARC files can give each page the pipeline, LA, depth and referring page it had in the crawl (and under the
 * crawl's own id). WARCs without them (the labelled corpus, other tools' files) read as `{}`: replay then
 * falls back to guessing by host.
 */
export interface CrawlContext {
  crawlId?: string;
  pipeline?: string;
  laCode?: string;
  /** The URL requested; the record's WARC-Target-URI is the URL the response came from (after redirects). */
  requestedUrl?: string;
  depth?: number;
  /** The page whose link led here. */
  sourceUrl?: string;
}

const HEADERS = {
  crawlId: 'WARC-Abep-Crawl-Id',
  pipeline: 'WARC-Abep-Pipeline',
  laCode: 'WARC-Abep-La-Code',
  requestedUrl: 'WARC-Abep-Requested-Url',
  depth: 'WARC-Abep-Depth',
  sourceUrl: 'WARC-Abep-Source-Url',
} as const satisfies Record<keyof CrawlContext, string>;

/** WARC-Abep-* headers for a record; fields left out are not written. */
export function crawlContextHeaders(context: CrawlContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(HEADERS) as [keyof CrawlContext, string][]) {
    const value = context[field];
    if (value !== undefined && value !== '') out[header] = String(value);
  }
  return out;
}

/** The crawl context of a record, from its WARC headers (names in any case). */
export function crawlContextOf(warcHeaders: Record<string, string>): CrawlContext {
  const lower = new Map(Object.entries(warcHeaders).map(([k, v]) => [k.toLowerCase(), v]));
  const get = (field: keyof CrawlContext) => lower.get(HEADERS[field].toLowerCase()) || undefined;
  const depth = Number(get('depth'));
  const context: CrawlContext = {};
  for (const field of ['crawlId', 'pipeline', 'laCode', 'requestedUrl', 'sourceUrl'] as const) {
    const value = get(field);
    if (value) context[field] = value;
  }
  if (Number.isInteger(depth) && depth >= 0) context.depth = depth;
  return context;
}

/** On a metadata record the crawler wrote for a fetch that failed: the error code; the body is crawl.failed.v1. */
export const FAILURE_HEADER = 'WARC-Abep-Failure-Code';
