import { type PageInput, type Pipeline, type Places, pageExamined, sourceOf } from '@abep/extraction';
import { boundHtml, DEFAULT_HTML_BOUNDS, type HtmlBounds } from '@abep/fetcher';
import { AbepError, type ObservationV1, type PageFetchedV1, type SourceKind } from '@abep/schemas';
import { boundObservation } from './bound-observations.ts';

export interface FetchedBody {
  body: Buffer;
  /** Media type without parameters, lower-case. */
  contentType: string;
}

export interface Examination {
  observations: ObservationV1[];
  /** Why nothing was extracted, when nothing was: logged by the caller, never thrown (the page still counts). */
  skipped?: 'not-html' | 'too-large' | 'unknown-pipeline';
  failure?: AbepError;
  /** What was cut to keep the page within the HTML bounds and the observations within OBSERVATION_LIMITS. */
  truncated: string[];
}

const HTML = /^(?:text\/html|application\/xhtml\+xml)$/;

function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

export function pageInputOf(message: PageFetchedV1, html: string): PageInput {
  return {
    url: message.url,
    finalUrl: message.finalUrl,
    html,
    fetchedAt: message.fetchedAt,
    sha256: message.sha256,
    crawlId: message.crawlId,
    pipeline: message.pipeline,
    ...(message.laCode ? { laCode: message.laCode } : {}),
  };
}

/**
 * Pure: one fetched page in, its observations out, always ending with exactly one page-examined so the
 * normaliser can count the crawl's pages in. Non-HTML, oversized, unknown-pipeline and failed extractions
 * yield page-examined alone.
 */
export function examinePage(
  message: PageFetchedV1,
  fetched: FetchedBody,
  pipeline: Pipeline | undefined,
  options: { maxHtmlBytes: number; places: Places; bounds?: HtmlBounds },
): Examination {
  const truncated: string[] = [];
  const examinedOnly = (skipped?: Examination['skipped'], failure?: AbepError): Examination =>
    examinedOnlyOf(message, pipeline, {
      truncated,
      ...(skipped ? { skipped } : {}),
      ...(failure ? { failure } : {}),
    });
  const contentType = mediaType(fetched.contentType || message.contentType);
  if (!pipeline) return examinedOnly('unknown-pipeline');
  if (!HTML.test(contentType)) return examinedOnly('not-html');
  if (fetched.body.length > options.maxHtmlBytes) return examinedOnly('too-large');
  try {
    const bounded = boundHtml(fetched.body.toString('utf8'), options.bounds ?? DEFAULT_HTML_BOUNDS);
    truncated.push(...bounded.truncated);
    const observations = pipeline
      .extract(pageInputOf(message, bounded.html), options.places)
      .map((o) => boundObservation(o, truncated));
    const examined = observations.filter((o) => o.kind === 'page-examined');
    if (examined.length !== 1 || observations.at(-1)?.kind !== 'page-examined') {
      throw new AbepError(
        'EXTRACT_FAILED',
        `pipeline ${pipeline.name} did not end with exactly one page-examined`,
      );
    }
    const last = observations.pop() as ObservationV1;
    return { observations: [...observations, withNotes(last, truncated)], truncated };
  } catch (cause) {
    const failure =
      cause instanceof AbepError && cause.code === 'EXTRACT_FAILED'
        ? cause
        : new AbepError('EXTRACT_FAILED', `pipeline ${pipeline.name} failed on a page`, {
            cause,
            details: { url: message.url },
          });
    return examinedOnly(undefined, failure);
  }
}

/** A page that yields page-examined alone: skipped, failed, or stopped over its budget. */
export function examinedOnlyOf(
  message: PageFetchedV1,
  pipeline: Pipeline | undefined,
  why: { truncated: string[]; skipped?: Examination['skipped']; failure?: AbepError },
): Examination {
  const sourceKind: SourceKind = pipeline?.sourceKind ?? 'third-party';
  const version = pipeline?.extractorVersion ?? 'unknown-pipeline';
  const page = pageInputOf(message, '');
  const { truncated, skipped, failure } = why;
  return {
    observations: [
      withNotes(
        boundObservation(pageExamined(page, sourceOf(page, sourceKind, version)), truncated),
        truncated,
        failure,
      ),
    ],
    ...(skipped ? { skipped } : {}),
    ...(failure ? { failure } : {}),
    truncated,
  };
}

/** The page-examined observation with what was cut and why the page was not (wholly) read. */
export function withNotes(
  examined: ObservationV1,
  truncated: readonly string[],
  failure?: AbepError,
): ObservationV1 {
  if (examined.kind !== 'page-examined') return examined;
  const code = failure?.code;
  return {
    ...examined,
    ...(truncated.length ? { truncated: truncated.slice(0, 50).map((t) => t.slice(0, 300)) } : {}),
    ...(code === 'EXTRACT_FAILED' || code === 'EXTRACT_BUDGET_EXCEEDED' || code === 'MESSAGE_TOO_LARGE'
      ? { failure: code }
      : {}),
  };
}
