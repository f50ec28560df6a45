export {
  type CrawlContext,
  crawlContextHeaders,
  crawlContextOf,
  FAILURE_HEADER,
} from './crawl-context.ts';
export { iterateWarc, type WarcEntry } from './iterate-warc.ts';
export { readWarcRecord, type WarcResponse } from './read-record.ts';
export { archivedHeaders, type WarcCapture, type WarcMetadata } from './serialize.ts';
export {
  type WarcAppendResult,
  type WarcPointer,
  WarcWriter,
  type WarcWriterOptions,
} from './warc-writer.ts';
