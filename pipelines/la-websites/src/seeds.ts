import type { LaSeedInput, PipelineSeed } from '@abep/extraction';
import { parse } from 'csv-parse/sync';

/** The LA list from the gazetteer's local-authorities.csv text (la_code, la_name, website columns). */
export function laSeedsFromCsv(csvText: string): LaSeedInput[] {
  const rows = parse(csvText, { columns: true, skip_empty_lines: true, trim: true }) as Record<
    string,
    string
  >[];
  return rows
    .filter((r) => r.la_code && r.la_name)
    .map((r) => ({
      laCode: r.la_code ?? '',
      name: r.la_name ?? '',
      ...(r.website ? { website: r.website } : {}),
    }));
}

/** One seed per LA with a website: its home page, carrying the LA code to every page crawled from it. */
export function laSeeds(localAuthorities: readonly LaSeedInput[]): PipelineSeed[] {
  const seen = new Set<string>();
  const seeds: PipelineSeed[] = [];
  for (const la of localAuthorities) {
    if (!la.website) continue;
    let url: string;
    try {
      url = new URL(la.website.startsWith('http') ? la.website : `https://${la.website}`).toString();
    } catch {
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    seeds.push({ url, laCode: la.laCode });
  }
  return seeds;
}
