export { partnershipSeeds, partnershipSitesPipeline, partnershipSitesScope } from './pipeline.ts';
