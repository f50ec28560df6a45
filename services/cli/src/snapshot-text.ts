import type { ChangeSet, ListedVersion, PruneResult, SnapshotManifest } from '@abep/publisher';

/** Human text for the snapshots commands (`--json` prints the values themselves). */

const pad = (rows: string[][]): string => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

export function listText(versions: readonly ListedVersion[]): string {
  if (versions.length === 0) return 'no versions published yet';
  const latest = versions.find((v) => v.latest)?.version ?? '';
  const rows = versions.map((v) => [
    v.version,
    v.publishedAt.slice(0, 19).replace('T', ' '),
    String(v.partnerships),
    String(v.localAuthorities),
    v.outcomes?.length ? [...new Set(v.outcomes)].join(',') : '-',
    v.trigger ?? '-',
    v.changes ? `+${v.changes.added} -${v.changes.removed} ~${v.changes.changed}` : '-',
    v.latest ? 'latest' : v.latestHeld || v.version > latest ? 'held back: not latest' : '',
  ]);
  return pad([
    ['version', 'published (UTC)', 'partnerships', 'LAs', 'outcome', 'trigger', 'changes', ''],
    ...rows,
  ]);
}

export function showText(m: SnapshotManifest): string {
  const lines = [
    `version ${m.version}, published ${m.publishedAt}${m.previousVersion ? ` (previous ${m.previousVersion})` : ' (first)'}`,
    `rows: ${m.rows.partnerships} partnerships, ${m.rows.partnershipLocalAuthorities} partnership × LA links, ${m.rows.localAuthorities} LA profiles; ${m.withdrawnPartnerships} withdrawn left out; ${m.invalidRecords.count} invalid records`,
    `changes: ${m.changes.added} added, ${m.changes.removed} removed, ${m.changes.changed} changed; trigger ${m.trigger}`,
    ...m.crawls.map(
      (c) =>
        `crawl ${c.crawlId}: ${c.outcome}, coverage ${(c.coverage * 100).toFixed(1)}%, ${c.startedAt} → ${c.finishedAt}${c.reason ? ` (${c.reason})` : ''}`,
    ),
    ...(m.latestHeld ? [`held back: ${m.latestHeld.reason}`] : []),
    `files: ${m.files.length} (${m.files.reduce((n, f) => n + f.bytes, 0)} bytes)`,
    ...m.files.map((f) => `  ${f.path}  ${f.bytes} bytes  sha256 ${f.sha256.slice(0, 12)}…`),
  ];
  return lines.join('\n');
}

/** Most names shown per list: a summary, not a dump (`--json` has everything). */
const SHOWN = 20;

function names(title: string, items: readonly { name: string; fields?: { field: string }[] }[]): string[] {
  if (!items.length) return [];
  const shown = items
    .slice(0, SHOWN)
    .map((i) => `  ${i.name}${i.fields ? `: ${i.fields.map((f) => f.field).join(', ')}` : ''}`);
  return [
    `${title} (${items.length}):`,
    ...shown,
    ...(items.length > SHOWN ? [`  … ${items.length - SHOWN} more`] : []),
  ];
}

export function diffText(c: ChangeSet): string {
  const s = c.summary;
  return [
    `${c.from ?? '(nothing)'} → ${c.to}: ${s.added} added, ${s.removed} removed, ${s.changed} changed, ${s.unchanged} unchanged partnerships; ${s.localAuthoritiesChanged} LA profiles changed`,
    ...names('added', c.added),
    ...names('removed', c.removed),
    ...names('changed', c.changed),
    ...names('LA profiles changed', c.localAuthoritiesChanged),
  ].join('\n');
}

export function pruneText(r: PruneResult, dryRun: boolean): string {
  const verb = dryRun ? 'would remove' : 'removed';
  return [
    `${verb} ${r.removed.length} versions, kept ${r.kept.length}${r.orphansRemoved.length ? `; ${verb} ${r.orphansRemoved.length} unfinished version folders` : ''}`,
    ...r.removed.map((v) => `  ${v}`),
  ].join('\n');
}
