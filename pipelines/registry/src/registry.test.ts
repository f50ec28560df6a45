import type { SeedInputKind } from '@abep/extraction';
import { describe, expect, it } from 'vitest';
import {
  inheritsLa,
  pipelineFor,
  pipelineNames,
  pipelines,
  pipelinesFedBy,
  pipelineTaking,
} from './registry.ts';

describe('pipeline registry', () => {
  it('names each pipeline once', () => {
    expect(new Set(pipelineNames).size).toBe(pipelines.length);
    for (const name of pipelineNames) expect(pipelineFor(name)?.name).toBe(name);
    expect(pipelineFor('no-such-pipeline')).toBeUndefined();
  });

  it('has one pipeline for each kind of seed input, and every declared output feeds one', () => {
    const kinds: SeedInputKind[] = ['local-authorities', 'partnership-links', 'urls'];
    for (const kind of kinds) expect(pipelines.filter((p) => p.input === kind)).toHaveLength(1);
    for (const p of pipelines) for (const out of p.outputs) expect(pipelineTaking(out).input).toBe(out);
  });

  it('feeds the partnership sites from council and directory pages, not from their own pages', () => {
    const fed = (name: string) => pipelinesFedBy(name).map((p) => p.name);
    expect(fed('la-websites')).toEqual(['partnership-sites']);
    expect(fed('sector-directories')).toEqual(['partnership-sites']);
    expect(fed('partnership-sites')).toEqual([]);
    expect(fed('no-such-pipeline')).toEqual([]);
  });

  it('treats the LA of a page reached by a discovered link as inherited', () => {
    expect(inheritsLa('partnership-sites')).toBe(true);
    expect(inheritsLa('la-websites')).toBe(false);
    expect(inheritsLa('sector-directories')).toBe(false);
  });

  it('feeds the directory pipeline the plan’s URLs', () => {
    const p = pipelineTaking('urls');
    expect(p.name).toBe('sector-directories');
    expect(p.seeds(['https://dir.test/members', 'https://dir.test/members', 'not a url'])).toEqual([
      { url: 'https://dir.test/members' },
    ]);
  });
});
