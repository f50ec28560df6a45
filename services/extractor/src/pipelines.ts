import type { Pipeline } from '@abep/extraction';
import { laWebsitesPipeline } from '@abep/pipelines-la-websites';
import { partnershipSitesPipeline } from '@abep/pipelines-partnership-sites';
import { sectorDirectoriesPipeline } from '@abep/pipelines-sector-directories';

/** Every pipeline the extractor can run, by name. Adding a source adds one line here. */
export const pipelines: readonly Pipeline[] = [
  laWebsitesPipeline,
  partnershipSitesPipeline,
  sectorDirectoriesPipeline,
];

export function pipelineFor(name: string, list: readonly Pipeline[] = pipelines): Pipeline | undefined {
  return list.find((p) => p.name === name);
}
