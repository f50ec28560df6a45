export { createNormaliser, type Normaliser, type NormaliserDeps } from './app.ts';
export {
  canonicalCharityNumber,
  canonicalCompanyNumber,
  orgNameKey,
} from './canonical.ts';
export { NormaliserConfig, normaliserEnv } from './config.ts';
export {
  Correction,
  correctionIds,
  defaultCorrectionsPath,
  loadCorrections,
  parseCorrections,
} from './corrections.ts';
export { buildLaProfiles, type CrawlCoverage } from './la-profiles.ts';
export {
  type BatchResult,
  markPublished,
  type NormaliseOptions,
  normaliseBatch,
  type RejectedMention,
  type UnresolvedAreas,
} from './normalise-batch.ts';
export { createRegisterState, type RegisterState } from './register-state.ts';
