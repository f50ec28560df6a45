import { AbepError } from '@abep/schemas';
import type { Ratio, Report } from './report.ts';

const pct = (r: Ratio) => (r === null ? '  n/a' : r.toFixed(2).padStart(5));
const row = (label: string, value: string, detail = '') =>
  `${label.padEnd(34)}${value.padStart(7)}  ${detail}`.trimEnd();

/** The compact table `abep eval` prints. */
export function formatReport(report: Report): string {
  const p = report.partnerships;
  const f = report.fields;
  const c = report.corpus;
  const lines = [
    `pages ${c.pages} (labelled ${c.labelledPages}, undecodable ${c.undecodable.length}, not examined ${c.notExamined.length}, labelled but missing ${c.labelledPagesMissing.length})`,
    row('partnerships published', String(p.published), `${p.candidates} candidates`),
    row(
      'precision',
      pct(p.precision),
      `${p.hits} hits / ${p.published - p.borderlineMatched} (borderline matches left out: ${p.borderlineMatched})`,
    ),
    row('recall', pct(p.recall), `${p.hits} of ${p.labelledAbeps} labelled ABEPs`),
    row('recall including candidates', pct(p.recallIncludingCandidates)),
    row('duplicates', String(p.duplicates)),
    row('look-alikes published', String(p.lookalikesPublished)),
    row('unmatched records', String(p.unmatched)),
    row(
      'LA attribution (exact / overlap)',
      pct(p.laAttribution.exact),
      `overlap ${pct(p.laAttribution.overlap).trim()}`,
    ),
  ];
  for (const [name, score] of [
    ['website domain', f.website],
    ['company number', f.companyNumber],
    ['charity number', f.charityNumber],
    ['founded year', f.foundedYear],
    ['member count', f.memberCount],
    ['legal form', f.legalForm],
  ] as const) {
    lines.push(
      row(
        `  ${name} right / stated / labelled`,
        `${score.right}/${score.stated}/${score.labelled}`,
        score.statedUnlabelled ? `(+${score.statedUnlabelled} stated, unlabelled)` : '',
      ),
    );
  }
  lines.push(
    row('  wrong website (not the own domain)', String(f.wrongWebsite)),
    row(
      'LA-role precision',
      pct(report.laRoles.precision),
      `${report.laRoles.right} of ${report.laRoles.published} published pairs`,
    ),
    row(
      'LA-role recall',
      pct(report.laRoles.recall),
      `${report.laRoles.right} of ${report.laRoles.labelled} labelled pairs`,
    ),
    row(
      'page kind (6 kinds)',
      pct(report.pageKinds.accuracy),
      `${report.pageKinds.exact} of ${report.pageKinds.labelled}; no kind ${report.pageKinds.noKind}`,
    ),
    row(
      'page kind (4 groups)',
      pct(report.pageKinds.groupAccuracy),
      `${report.pageKinds.grouped} of ${report.pageKinds.labelled}`,
    ),
  );
  return lines.join('\n');
}

/** Every miss and every wrong record, role pair and page kind, with the evidence. */
export function formatExplain(report: Report): string {
  const e = report.explain;
  const out: string[] = [];
  const quote = (text: string) => (text ? `"${text.replace(/\s+/g, ' ').slice(0, 200)}"` : '(no excerpt)');
  out.push(`\nmissed partnerships (${e.misses.length}):`);
  for (const m of e.misses) {
    out.push(`  ${m.labelId} ${m.name}`);
    for (const page of m.pages) out.push(`      on ${page.file} ${page.url}`);
    if (m.candidate)
      out.push(
        `      a candidate: ${m.candidate.id} "${m.candidate.name}" confidence ${m.candidate.confidence ?? 'n/a'}`,
      );
    for (const r of m.rejected ?? []) out.push(`      rejected on ${r.sourceUrl}: ${r.reason}`);
  }
  for (const [title, list] of [
    ['wrong records (count against precision)', e.wrongRecords],
    ['wrong facts on hit records', e.wrongFacts],
  ] as const) {
    out.push(`\n${title} (${list.length}):`);
    for (const w of list) {
      out.push(`  ${w.id} "${w.name}" [${w.localAuthorities.join('; ') || 'no LA'}]: ${w.why}`);
      out.push(`      name from ${quote(w.nameExcerpt)}`);
      for (const s of w.sources) out.push(`      source ${s}`);
    }
  }
  out.push(`\nwrong LA roles (${e.wrongRoles.length}):`);
  for (const r of e.wrongRoles) out.push(`  ${r.la}=${r.role} from ${r.sourceUrl}: ${quote(r.excerpt)}`);
  out.push(`\nmissed LA roles (${e.missedRoles.length}):`);
  for (const r of e.missedRoles)
    out.push(`  ${r.la}=${r.role} on ${r.pages.join(' ')}${r.excerpt ? `: ${quote(r.excerpt)}` : ''}`);
  out.push(`\npage kinds wrong (${e.pageKindErrors.length}):`);
  for (const k of e.pageKindErrors) out.push(`  ${k.file} ${k.labelled} → ${k.got ?? 'none'}  ${k.url}`);
  if (report.corpus.undecodable.length) {
    out.push(`\nundecodable pages (${report.corpus.undecodable.length}):`);
    for (const u of report.corpus.undecodable) out.push(`  ${u.url}: ${u.reason}`);
  }
  return out.join('\n');
}

/**
 * A floor file is `{ "<figure>": <minimum>, … }` with figure names from `report.figures`. Returns each figure below
 * its floor (a figure that is n/a counts as below); an unknown figure name or a non-number is CONFIG_INVALID.
 */
export function belowFloor(
  report: Report,
  floor: unknown,
  file = 'floor',
): { figure: string; value: Ratio; floor: number }[] {
  if (typeof floor !== 'object' || floor === null || Array.isArray(floor))
    throw new AbepError('CONFIG_INVALID', `${file}: expected a JSON object of figure → minimum`);
  const failures: { figure: string; value: Ratio; floor: number }[] = [];
  for (const [figure, min] of Object.entries(floor)) {
    if (figure.startsWith('$') || figure.startsWith('_')) continue;
    if (!(figure in report.figures))
      throw new AbepError(
        'CONFIG_INVALID',
        `${file}: "${figure}" is not a figure (one of ${Object.keys(report.figures).join(', ')})`,
      );
    if (typeof min !== 'number')
      throw new AbepError('CONFIG_INVALID', `${file}: "${figure}" must be a number`);
    const value = report.figures[figure] ?? null;
    if (value === null ? min > 0 : value < min) failures.push({ figure, value, floor: min });
  }
  return failures;
}
