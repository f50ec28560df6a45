export { defaultDataDir } from './data-dir.ts';
export { type Gazetteer, loadGazetteer, type PlaceMention, placesOf } from './gazetteer.ts';
export type { LaBoundaries, LaBoundaryFeature } from './geometry.ts';
export { createEstablishmentLinks, type EstablishmentLinks, loadEstablishmentLinks } from './gias-links.ts';
export { createSchoolIndex, loadSchoolIndex, type School, type SchoolIndex } from './gias-schools.ts';
export type { LaMention } from './la-mentions.ts';
export { type LocalAuthority, laRef, type Region } from './local-authority.ts';
export { nameKey, stripCouncilWords } from './name-key.ts';
export {
  buildResolutionTestSet,
  type ResolutionCase,
  type ResolutionScore,
  scoreResolution,
} from './resolution-test-set.ts';
export {
  createSchoolGazetteer,
  FUZZY_MARGIN,
  FUZZY_THRESHOLD,
  type LaSchoolCounts,
  loadSchoolGazetteer,
  type SchoolCandidate,
  type SchoolGazetteer,
  type SchoolLists,
  type SchoolMatch,
  type SchoolMatchKind,
  sharedDataDir,
} from './school-gazetteer.ts';
export { type GiasSchool, SCHOOL_PHASES, type SchoolPhase } from './school-list.ts';
export { schoolNameKey } from './school-name-key.ts';
export { type SchoolNameKeys, schoolNameKeys } from './school-name-variants.ts';
export type { TeachingSchoolHub } from './teaching-school-hubs.ts';
