import { type PageInput, type Pipeline, type Places, pageExamined, sourceOf } from '@abep/extraction';
import { AbepError, type ObservationV1, type PageFetchedV1, type SourceKind } from '@abep/schemas';

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
  options: { maxHtmlBytes: number; places: Places },
): Examination {
  const sourceKind: SourceKind = pipeline?.sourceKind ?? 'third-party';
  const version = pipeline?.extractorVersion ?? 'unknown-pipeline';
  const contentType = mediaType(fetched.contentType || message.contentType);
  const page = pageInputOf(message, '');
  const examinedOnly = (skipped?: Examination['skipped'], failure?: AbepError): Examination => ({
    observations: [pageExamined(page, sourceOf(page, sourceKind, version))],
    ...(skipped ? { skipped } : {}),
    ...(failure ? { failure } : {}),
  });
  if (!pipeline) return examinedOnly('unknown-pipeline');
  if (!HTML.test(contentType)) return examinedOnly('not-html');
  if (fetched.body.length > options.maxHtmlBytes) return examinedOnly('too-large');
  try {
    const observations = pipeline.extract(
      pageInputOf(message, fetched.body.toString('utf8')),
      options.places,
    );
    const examined = observations.filter((o) => o.kind === 'page-examined');
    if (examined.length !== 1 || observations.at(-1)?.kind !== 'page-examined') {
      throw new AbepError(
        'EXTRACT_FAILED',
        `pipeline ${pipeline.name} did not end with exactly one page-examined`,
      );
    }
    return { observations };
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
