export {
  type AnalysedPage,
  analysePage,
  type DescribeOptions,
  describeOrganisation,
  websiteFor,
} from './analyse.ts';
export { extractAreas, placeFromName } from './areas.ts';
export { type Classification, type ClassifyInput, classifyPartnership, type Decision } from './classify.ts';
export {
  type Evidenced,
  extractCharityNumber,
  extractCompanyNumber,
  extractFocusAreas,
  extractFoundedYear,
  extractLegalForm,
  extractMemberCount,
  extractPartnershipType,
  extractPhases,
  extractRelationship,
} from './fields.ts';
export {
  firstHeading,
  footerText,
  type Html,
  loadHtml,
  mainBlocks,
  mainText,
  pageTitle,
  readMeta,
} from './html.ts';
export { type JsonLdOrganization, readJsonLdOrganization } from './json-ld.ts';
export { type LaRoleStatement, readLaRoles } from './la-roles.ts';
export { acronymsFor, contextFor, findOrganisationNames, isGenericName } from './mentions.ts';
export { COUNT, NUMBER_WORDS, parseCount } from './number-words.ts';
export { observationId } from './observation-id.ts';
export { pageExamined, sourceOf } from './observations.ts';
export { classifyPage, hostOf } from './page-kind.ts';
export {
  type LaSeedInput,
  type PageInput,
  type PartnershipLink,
  type Pipeline,
  type PipelineSeed,
  type ScopeRules,
  type SeedInputKind,
  type SeedInputs,
  seedsFrom,
} from './pipeline.ts';
export { noPlaces, type PlaceMention, type Places } from './places.ts';
export { readPage } from './read-page.ts';
export { CONFIDENCE } from './rules/confidence.ts';
export { clip, excerptAround, normaliseSpace, splitSentences } from './text.ts';
