import type { ObservationSource, PageExaminedObservation, SourceKind } from '@abep/schemas';
import { observationId } from './observation-id.ts';
import type { PageInput } from './pipeline.ts';

export function sourceOf(
  page: PageInput,
  sourceKind: SourceKind,
  extractorVersion: string,
): ObservationSource {
  return {
    crawlId: page.crawlId,
    pipeline: page.pipeline,
    url: page.finalUrl || page.url,
    fetchedAt: page.fetchedAt,
    pageSha256: page.sha256,
    sourceKind,
    extractorVersion,
    ...(page.laCode ? { laCode: page.laCode } : {}),
  };
}

export function pageExamined(
  page: PageInput,
  source: ObservationSource,
  found: { title?: string; partnershipLinks?: readonly string[] } = {},
): PageExaminedObservation {
  const links = [...new Set(found.partnershipLinks ?? [])];
  return {
    kind: 'page-examined',
    observationId: observationId(source.url, page.sha256, '', 'page-examined'),
    source,
    ...(page.laCode ? { laCode: page.laCode } : {}),
    ...(found.title ? { title: found.title.slice(0, 300) } : {}),
    ...(links.length ? { partnershipLinks: links } : {}),
  };
}
