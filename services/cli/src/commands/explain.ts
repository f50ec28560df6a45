import { normaliseName } from '@abep/evaluation';
import { layout, showManifest } from '@abep/publisher';
import { type PartnershipV1, PUBLISH_CONFIDENCE } from '@abep/schemas';
import { type ObjectStore, readJson } from '@abep/store';

export interface ExplainContext {
  store: ObjectStore;
  prefix: string;
}

interface Evidence {
  field: string;
  sourceUrl: string;
  sourceKind: string;
  excerpt: string;
}

type Explained =
  | {
      status: 'published' | 'candidate';
      id: string;
      name: string;
      aliases: string[];
      localAuthorities: string[];
      confidence: number | null;
      why: string;
      evidence: Evidence[];
    }
  | {
      status: 'rejected';
      name: string;
      crawlId: string;
      sourceUrl: string;
      decision: string;
      lookalikeType?: string;
      why: string;
    };

export interface Explanation {
  query: string;
  version: string;
  threshold: number;
  matches: Explained[];
}

interface Rejected {
  name: string;
  crawlId: string;
  sourceUrl: string;
  decision: string;
  lookalikeType?: string;
  reason: string;
}

function evidenceOf(record: PartnershipV1): Evidence[] {
  return Object.entries(record.provenance)
    .sort(([a], [b]) => (a === 'name' ? -1 : b === 'name' ? 1 : a < b ? -1 : 1))
    .flatMap(([field, list]) =>
      list.map((p) => ({
        field,
        sourceUrl: p.sourceUrl,
        sourceKind: p.sourceKind,
        excerpt: p.excerpt ?? '',
      })),
    );
}

function recordWhy(record: PartnershipV1, status: 'published' | 'candidate'): string {
  const c = record.confidence;
  if (status === 'candidate')
    return `confidence ${c?.toFixed(2)} is below ${PUBLISH_CONFIDENCE}: listed in partnership-candidates.*, not the register`;
  return c === undefined
    ? 'in the register (the record carries no confidence, so it is published as before)'
    : `in the register: confidence ${c.toFixed(2)} ≥ ${PUBLISH_CONFIDENCE}`;
}

/**
 * Finds a partnership by id, or by name or alias (normalised as the evaluation does, equal first, else
 * containing), in a snapshot's register, its candidates, and the look-alikes the normaliser rejected in the crawls
 * the snapshot names (audit/<crawlId>/rejected.json). Reads the store only.
 */
export async function explainRecord(
  ctx: ExplainContext,
  query: string,
  version = 'latest',
): Promise<Explanation> {
  const manifest = await showManifest(ctx, version);
  const paths = layout(ctx.prefix);
  const read = async (name: string) =>
    manifest.files.some((f) => f.path === name)
      ? ((await readJson(ctx.store, paths.file(manifest.version, name))) as PartnershipV1[])
      : [];
  const published = await read('partnerships.json');
  const candidates = await read('partnership-candidates.json');
  const rejected: Rejected[] = [];
  for (const crawl of manifest.crawls) {
    const key = `audit/${crawl.crawlId}/rejected.json`;
    if (await ctx.store.head(key)) rejected.push(...((await readJson(ctx.store, key)) as Rejected[]));
  }

  const wanted = normaliseName(query);
  const names = (r: PartnershipV1) => [r.name, ...r.aliases].map(normaliseName);
  const pick = <T>(items: T[], namesOf: (t: T) => string[], idOf?: (t: T) => string) => {
    const byId = idOf ? items.filter((t) => idOf(t) === query.trim()) : [];
    if (byId.length) return byId;
    const equal = items.filter((t) => namesOf(t).includes(wanted));
    return equal.length || !wanted ? equal : items.filter((t) => namesOf(t).some((n) => n.includes(wanted)));
  };
  const asRecord =
    (status: 'published' | 'candidate') =>
    (r: PartnershipV1): Explained => ({
      status,
      id: r.id,
      name: r.name,
      aliases: r.aliases,
      localAuthorities: r.localAuthorities.map((la) => la.name),
      confidence: r.confidence ?? null,
      why: recordWhy(r, status),
      evidence: evidenceOf(r),
    });
  const matches: Explained[] = [
    ...pick(published, names, (r) => r.id).map(asRecord('published')),
    ...pick(candidates, names, (r) => r.id).map(asRecord('candidate')),
    ...pick(rejected, (r) => [normaliseName(r.name)]).map(
      (r): Explained => ({
        status: 'rejected',
        name: r.name,
        crawlId: r.crawlId,
        sourceUrl: r.sourceUrl,
        decision: r.decision,
        ...(r.lookalikeType ? { lookalikeType: r.lookalikeType } : {}),
        why: r.reason,
      }),
    ),
  ];
  return { query, version: manifest.version, threshold: PUBLISH_CONFIDENCE, matches };
}

export function formatExplanation(e: Explanation): string {
  if (e.matches.length === 0)
    return `"${e.query}": not in version ${e.version} — not in the register, not a candidate, not a rejected look-alike`;
  const lines: string[] = [];
  for (const m of e.matches) {
    if (m.status === 'rejected') {
      lines.push(
        `rejected  "${m.name}" (${m.decision}${m.lookalikeType ? `, ${m.lookalikeType}` : ''}) in crawl ${m.crawlId}`,
      );
      lines.push(`  why: ${m.why}`, `  source ${m.sourceUrl}`);
      continue;
    }
    lines.push(
      `${m.status.padEnd(9)} ${m.id} "${m.name}"${m.aliases.length ? ` (also ${m.aliases.join('; ')})` : ''} [${m.localAuthorities.join('; ') || 'no LA'}]`,
    );
    lines.push(`  why: ${m.why}`);
    for (const ev of m.evidence)
      lines.push(
        `  ${ev.field}: ${ev.sourceUrl} (${ev.sourceKind})${ev.excerpt ? ` "${ev.excerpt.replace(/\s+/g, ' ')}"` : ''}`,
      );
  }
  return [`version ${e.version}`, ...lines].join('\n');
}
