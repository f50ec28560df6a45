export { CORPUS_WARC_DATE, type CorpusWarc, writeCorpusWarc } from './corpus-warc.ts';
export { companyNumberKey, domainOf, labelLegalForm, numbersIn } from './field-rules.ts';
export { belowFloor, formatExplain, formatReport } from './format-report.ts';
export {
  type Labels,
  type LabelTexts,
  type LaRoleLabel,
  loadLabels,
  type PageLabel,
  type PartnershipLabel,
  parseLabels,
} from './labels.ts';
export { matchRecord } from './match.ts';
export { labelNameKeys, labelNameVariants, normaliseName } from './names.ts';
export { PAGE_KIND_GROUP, type Report } from './report.ts';
export { scanWarc, undecodableReason, type WarcScan } from './scan-warc.ts';
export { figuresOf, type RejectedMention, type ScoreInput, score, urlKey } from './score.ts';
export { escapeHtml, HEADING_MAX_CHARS, type WrappedPage, wrapPage } from './wrap-page.ts';
