/**
 * Scores every pipeline on its labelled fixtures (precision and recall of ABEP identification, look-alike typing,
 * LA attribution, LA roles and each field) and measures extraction speed on one core. Prints; never asserts.
 * Run: pnpm --filter @abep/extractor bench
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EvaluationReport, evaluate, loadFixtures, SCORED_FIELDS } from '@abep/extraction/evaluation';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { pipelines } from '@abep/pipelines';

const gazetteer = loadGazetteer();
const places = placesOf(gazetteer);

const ratio = (r: { correct: number; total: number }) =>
  r.total === 0 ? 'n/a' : `${(r.correct / r.total).toFixed(3)} (${r.correct}/${r.total})`;

const reports: EvaluationReport[] = [];
const holdouts: EvaluationReport[] = [];
let allPages: {
  pipeline: (typeof pipelines)[number];
  page: ReturnType<typeof loadFixtures>[number]['page'];
}[] = [];
for (const pipeline of pipelines) {
  const dir = fileURLToPath(new URL(`../../../pipelines/${pipeline.name}/fixtures`, import.meta.url));
  const fixtures = loadFixtures(dir, pipeline.name);
  allPages = allPages.concat(fixtures.map((f) => ({ pipeline, page: f.page })));
  const report = evaluate(pipeline, fixtures, places);
  reports.push(report);
  print(`${pipeline.name}`, report);
  const holdout = evaluate(pipeline, loadFixtures(join(dir, 'holdout'), pipeline.name), places);
  holdouts.push(holdout);
  print(`${pipeline.name} HELD-OUT`, holdout);
}

function print(title: string, report: EvaluationReport): void {
  console.log(`\n${title}: ${report.pages} pages, ${report.labelledMentions} labelled mentions`);
  console.log(
    `  ABEP precision ${report.precision.toFixed(3)}  recall ${report.recall.toFixed(3)}  (TP ${report.truePositives}, FP ${report.falsePositives}, FN ${report.falseNegatives})`,
  );
  console.log(
    `  look-alike type ${ratio(report.lookalikeTypeAccuracy)}  LA attribution ${ratio(report.laAttribution)}  LA roles ${ratio(report.laRoles)}`,
  );
  console.log(`  fields: ${SCORED_FIELDS.map((f) => `${f} ${ratio(report.fields[f])}`).join(', ')}`);
  for (const miss of report.misses) console.log(`  miss: ${miss}`);
}

function summary(title: string, reports: EvaluationReport[]): void {
  const sum = (pick: (r: EvaluationReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  const tp = sum((r) => r.truePositives);
  const fp = sum((r) => r.falsePositives);
  const fn = sum((r) => r.falseNegatives);
  const total = (pick: (r: EvaluationReport) => { correct: number; total: number }) => ({
    correct: sum((r) => pick(r).correct),
    total: sum((r) => pick(r).total),
  });
  console.log(
    `\n${title}: ${sum((r) => r.pages)} pages, ${sum((r) => r.labelledMentions)} labelled mentions`,
  );
  console.log(
    `  ABEP precision ${(tp / (tp + fp || 1)).toFixed(3)}  recall ${(tp / (tp + fn || 1)).toFixed(3)}  (TP ${tp}, FP ${fp}, FN ${fn})`,
  );
  console.log(
    `  look-alike type ${ratio(total((r) => r.lookalikeTypeAccuracy))}  LA attribution ${ratio(total((r) => r.laAttribution))}  LA roles ${ratio(total((r) => r.laRoles))}`,
  );
  console.log(`  fields: ${SCORED_FIELDS.map((f) => `${f} ${ratio(total((r) => r.fields[f]))}`).join(', ')}`);
}
summary('ALL (tuning set, asserted by the fixture tests)', reports);
summary('ALL HELD-OUT (written after the rules were frozen)', holdouts);

// Throughput: single-threaded, so pages/s here is pages/s per core.
for (let i = 0; i < 3; i++) for (const { pipeline, page } of allPages) pipeline.extract(page);
const rounds = 30;
const started = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) for (const { pipeline, page } of allPages) pipeline.extract(page);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const pages = rounds * allPages.length;
const bytes = allPages.reduce((n, p) => n + p.page.html.length, 0) / allPages.length;
console.log(
  `\nthroughput: ${(pages / seconds).toFixed(0)} pages/s on one core (${pages} pages, mean ${(bytes / 1024).toFixed(1)} KiB)`,
);
