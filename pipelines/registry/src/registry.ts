import type { Pipeline, SeedInputKind } from '@abep/extraction';
import { laWebsitesPipeline } from '@abep/pipelines-la-websites';
import { partnershipSitesPipeline } from '@abep/pipelines-partnership-sites';
import { sectorDirectoriesPipeline } from '@abep/pipelines-sector-directories';
import { AbepError } from '@abep/schemas';

/** Every built-in pipeline. Adding a source adds one line here; its name, input and outputs come with it. */
export const pipelines = [laWebsitesPipeline, partnershipSitesPipeline, sectorDirectoriesPipeline] as const;

export const pipelineNames: readonly string[] = pipelines.map((p) => p.name);

export function pipelineFor(name: string, list: readonly Pipeline[] = pipelines): Pipeline | undefined {
  return list.find((p) => p.name === name);
}

/** The pipeline seeded from this kind of input; each kind seeds exactly one built-in pipeline. */
export function pipelineTaking(input: SeedInputKind, list: readonly Pipeline[] = pipelines): Pipeline {
  const found = list.find((p) => p.input === input);
  if (!found) throw new AbepError('INTERNAL', `no pipeline takes ${input} seeds`);
  return found;
}

/** The pipelines seeded from what pages of `from` yield (its declared outputs), in registry order. */
export function pipelinesFedBy(from: string, list: readonly Pipeline[] = pipelines): Pipeline[] {
  const outputs = pipelineFor(from, list)?.outputs ?? [];
  return list.filter((p) => outputs.includes(p.input));
}

/**
 * Whether a pipeline's seeds come from links other pipelines' pages found. Its pages carry the LA of whichever
 * page linked the site first — an arrival order, not a fact about the page — so that LA is not the page's.
 */
export function inheritsLa(name: string, list: readonly Pipeline[] = pipelines): boolean {
  return pipelineFor(name, list)?.input === 'partnership-links';
}
