import { createHash } from 'node:crypto';

export function urlHash(normalisedUrl: string): string {
  return createHash('sha256').update(normalisedUrl).digest('hex');
}

/** Written (create-only) after a URL's settle message is published: a later duplicate is skipped. */
export function doneMarkerKey(crawlId: string, normalisedUrl: string): string {
  return `crawls/${crawlId}/done/${urlHash(normalisedUrl)}`;
}

/** Validators of the last 200 capture of a URL, across crawls, for conditional GETs. */
export function validatorsKey(normalisedUrl: string): string {
  return `validators/${urlHash(normalisedUrl)}.json`;
}
