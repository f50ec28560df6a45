import {
  type LaSeedInput,
  type Pipeline,
  type PipelineSeed,
  type SeedInputs,
  seedsFrom,
} from '@abep/extraction';
import type { Gazetteer } from '@abep/gazetteer';
import { pipelines as builtIn, pipelineTaking } from '@abep/pipelines';
import { AbepError } from '@abep/schemas';

export interface PlanOptions {
  la?: string[];
  pipeline?: string[];
  /** Text of a URL list: one URL per line, `#` comments and blank lines ignored. */
  urls?: string;
}

export interface PlannedSeed extends PipelineSeed {
  pipeline: string;
}

export interface CrawlPlan {
  pipelines: string[];
  laCodes?: string[];
  urls?: string[];
  seeds: PlannedSeed[];
}

export interface PlanContext {
  gazetteer: Gazetteer;
  /** The built-in pipelines by default. */
  pipelines?: readonly Pipeline[];
  /** The LAs and websites to seed from; the gazetteer's by default (the fixture web substitutes its own). */
  localAuthorities?: readonly LaSeedInput[];
}

export function parseUrlList(text: string): string[] {
  const urls: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      throw new AbepError(
        'CONFIG_INVALID',
        `--urls line ${i + 1}: "${line}" is not a URL; write one absolute http(s) URL per line`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AbepError(
        'CONFIG_INVALID',
        `--urls line ${i + 1}: "${line}" is not http(s); only web pages can be crawled`,
      );
    }
    urls.push(url.toString());
  }
  if (urls.length === 0)
    throw new AbepError('CONFIG_INVALID', '--urls: the list has no URLs; write one URL per line');
  return urls;
}

/**
 * What a crawl will fetch first: national by default, narrowed by LA, pipeline or an explicit URL list. Each
 * pipeline makes its seeds from its own kind of input: the LA list, or the URL list (the pipeline that takes
 * URLs, unless `--pipeline` names another, which then reads exactly those URLs).
 */
export function buildPlan(options: PlanOptions, context: PlanContext): CrawlPlan {
  const list = context.pipelines ?? builtIn;
  const known = new Map(list.map((p) => [p.name, p]));
  for (const name of options.pipeline ?? []) {
    if (!known.has(name)) {
      throw new AbepError(
        'CONFIG_INVALID',
        `--pipeline "${name}": unknown pipeline; choose one of ${[...known.keys()].join(', ')}`,
      );
    }
  }
  const laCodes = options.la?.map((text) => {
    const la = context.gazetteer.resolveLa(text);
    if (!la) {
      throw new AbepError(
        'CONFIG_INVALID',
        `--la "${text}": not an English LA with education responsibility; give a name (e.g. "Sheffield") or a DfE code (e.g. 373)`,
      );
    }
    return la.laCode;
  });
  const urls = options.urls === undefined ? undefined : parseUrlList(options.urls);

  const allLas =
    context.localAuthorities ??
    context.gazetteer.localAuthorities.map((la) => ({
      laCode: la.laCode,
      name: la.laName,
      ...(la.website ? { website: la.website } : {}),
    }));
  const las = laCodes ? allLas.filter((la) => laCodes.includes(la.laCode)) : allLas;

  const seedsOf = (pipeline: Pipeline, inputs: Partial<SeedInputs>): PlannedSeed[] =>
    seedsFrom(pipeline, inputs).map((seed) => ({ ...seed, pipeline: pipeline.name }));
  let pipelines: Pipeline[];
  const seeds: PlannedSeed[] = [];
  if (urls) {
    const named = options.pipeline?.[0];
    const pipeline = named ? (known.get(named) as Pipeline) : pipelineTaking('urls', list);
    pipelines = [pipeline];
    seeds.push(
      ...(pipeline.input === 'urls'
        ? seedsOf(pipeline, { urls })
        : urls.map((url) => ({ pipeline: pipeline.name, url }))),
    );
  } else {
    pipelines = options.pipeline?.length ? options.pipeline.map((n) => known.get(n) as Pipeline) : [...list];
    for (const pipeline of pipelines) seeds.push(...seedsOf(pipeline, { 'local-authorities': las }));
  }
  const unique = [...new Map(seeds.map((s) => [`${s.pipeline} ${s.url}`, s])).values()];
  return {
    pipelines: pipelines.map((p) => p.name),
    ...(laCodes ? { laCodes } : {}),
    ...(urls ? { urls } : {}),
    seeds: unique,
  };
}
