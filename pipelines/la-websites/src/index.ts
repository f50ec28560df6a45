export { laWebsitesPipeline, laWebsitesScope } from './pipeline.ts';
export { laSeedsFromCsv } from './seeds.ts';
