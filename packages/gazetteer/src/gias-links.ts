import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface EstablishmentLinks {
  /** Follows single Successor links to the URN that carries the school on today; cycles stop where they loop. */
  currentUrn(urn: string): string;
  successorsOf(urn: string): string[];
}

const SUCCESSOR_TYPES = new Set(['Successor', 'Successor - merged', 'Successor - amalgamated']);

export function createEstablishmentLinks(
  rows: Iterable<{ urn: string; linkUrn: string; linkType: string }>,
): EstablishmentLinks {
  const successors = new Map<string, Set<string>>();
  for (const { urn, linkUrn, linkType } of rows) {
    if (!SUCCESSOR_TYPES.has(linkType) || urn === linkUrn) continue;
    const set = successors.get(urn) ?? new Set<string>();
    set.add(linkUrn);
    successors.set(urn, set);
  }
  return {
    successorsOf: (urn) => [...(successors.get(urn) ?? [])].sort(),
    currentUrn(urn) {
      const seen = new Set([urn]);
      let current = urn;
      for (;;) {
        const next = successors.get(current);
        // A split school has several successors: no single one carries it on.
        if (next?.size !== 1) return current;
        const only = [...next][0] as string;
        if (seen.has(only)) return current;
        seen.add(only);
        current = only;
      }
    },
  };
}

/** Streams gias-establishment-links.csv (UTF-8, columns urn, link_urn, link_type, …). */
export async function loadEstablishmentLinks(path: string): Promise<EstablishmentLinks> {
  const rows: { urn: string; linkUrn: string; linkType: string }[] = [];
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    rows.push({ urn: row.urn ?? '', linkUrn: row.link_urn ?? '', linkType: row.link_type ?? '' });
  }
  return createEstablishmentLinks(rows);
}
