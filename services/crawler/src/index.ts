export { type Crawler, type CrawlerDeps, createCrawler, type PipelineScopes } from './app.ts';
export { CrawlerConfig, type CrawlerConfigInput, crawlerEnv } from './config.ts';
export { doneMarkerKey, urlHash, validatorsKey } from './keys.ts';
export { discoverLinks } from './links.ts';
export { crawlIdOfWarcs, type ReplayOptions, type ReplayResult, replayWarc } from './replay.ts';
export { type CompiledScope, compileScope, outOfScope } from './scope.ts';
export type { CrawlerStats, HostStats, Settled, SettledListener } from './stats.ts';
