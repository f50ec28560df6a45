export {
  createFixtureWeb,
  type ExpectedPage,
  type FixtureManifest,
  type FixtureWeb,
  type FixtureWebOptions,
} from './fixture-web.ts';
export {
  CRAWL_DELAY_HOST,
  type Expectation,
  HOSTILE_HOST,
  hostileRoutes,
  INTERNAL_HOST,
  ROBOTS_HOST,
} from './hostile.ts';
export { largeDepth, largeHost } from './large.ts';
export { type FixtureLa, loadLocalAuthorities } from './local-authorities.ts';
export { createFixtureHostLookup, createFixtureLookup, type FixtureLookup } from './lookup.ts';
export { buildModel, type FixtureModel, slugify } from './model.ts';
