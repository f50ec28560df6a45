import type { ObservationV1, SourceKind } from '@abep/schemas';
import { type AnalysedPage, analysePage } from './analyse.ts';
import { pageExamined, sourceOf } from './observations.ts';
import type { PageInput } from './pipeline.ts';

export interface ExtractFindings {
  findings: ObservationV1[];
  partnershipLinks?: string[];
}

/**
 * Runs a pipeline's page reader and appends the one page-examined observation every page must end with.
 * Page-examined is emitted after the findings so a consumer that has seen it has seen the page's findings.
 */
export function runExtract(
  page: PageInput,
  meta: { sourceKind: SourceKind; extractorVersion: string },
  read: (analysed: AnalysedPage, source: ReturnType<typeof sourceOf>) => ExtractFindings,
): ObservationV1[] {
  const source = sourceOf(page, meta.sourceKind, meta.extractorVersion);
  const analysed = analysePage(page.html, page.finalUrl || page.url);
  const { findings, partnershipLinks } = read(analysed, source);
  const title = analysed.title ?? analysed.heading;
  return [
    ...findings,
    pageExamined(page, source, {
      ...(title ? { title } : {}),
      ...(partnershipLinks ? { partnershipLinks } : {}),
    }),
  ];
}
