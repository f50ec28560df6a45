import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaRoleObservation, ObservationV1, PartnershipObservation } from '@abep/schemas';
import type { PageInput, Pipeline } from './pipeline.ts';
import type { Places } from './places.ts';

/** What a person reading the page says about one organisation it names. */
export interface PartnershipLabel {
  name: string;
  decision: 'abep' | 'lookalike' | 'unclear';
  lookalikeType?: string;
  /** LA names the partnership serves. */
  las?: string[];
  type?: string;
  legalForm?: string;
  foundedYear?: number;
  memberCount?: number;
  companyNumber?: string;
  charityNumber?: string;
  website?: string;
}

export interface PageLabel {
  file: string;
  url: string;
  laCode?: string;
  /** Name of the seed LA, so attribution can be scored without the gazetteer. */
  laName?: string;
  /** Roles the LA's own page states for it; absent = not labelled. */
  laRoles?: string[];
  partnerships: PartnershipLabel[];
}

export const SCORED_FIELDS = [
  'type',
  'legalForm',
  'foundedYear',
  'memberCount',
  'companyNumber',
  'charityNumber',
  'website',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface LoadedFixture {
  label: PageLabel;
  page: PageInput;
}

export function loadFixtures(dir: string, pipeline: string): LoadedFixture[] {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { pages: PageLabel[] };
  return labels.pages.map((label) => ({
    label,
    page: {
      url: label.url,
      finalUrl: label.url,
      html: readFileSync(join(dir, label.file), 'utf8'),
      fetchedAt: '2025-01-15T10:00:00.000Z',
      sha256: 'a'.repeat(64),
      ...(label.laCode ? { laCode: label.laCode } : {}),
      crawlId: 'fixture-crawl',
      pipeline,
    },
  }));
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

export function findObservation(
  observations: readonly ObservationV1[],
  name: string,
): PartnershipObservation | undefined {
  const want = norm(name);
  const partnerships = observations.filter((o): o is PartnershipObservation => o.kind === 'partnership');
  return partnerships.find((o) => norm(o.fields.name.value) === want);
}

export function fieldValue(obs: PartnershipObservation, field: ScoredField): unknown {
  return obs.fields[field]?.value;
}

/** Expected LAs each appear among the stated areas or, on an LA's own page, the seed LA. */
export function laAttributed(obs: PartnershipObservation, label: PartnershipLabel, page: PageLabel): boolean {
  const stated = new Set((obs.fields.areas ?? []).map((a) => norm(a.value)));
  if (page.laName) stated.add(norm(page.laName));
  return (label.las ?? []).every((la) => stated.has(norm(la)));
}

export function laRolesOf(observations: readonly ObservationV1[]): string[] {
  const role = observations.find((o): o is LaRoleObservation => o.kind === 'la-role');
  return role ? role.roles.map((r) => r.value).sort() : [];
}

export interface EvaluationReport {
  pages: number;
  labelledMentions: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  lookalikeTypeAccuracy: { correct: number; total: number };
  laAttribution: { correct: number; total: number };
  laRoles: { correct: number; total: number };
  fields: Record<ScoredField, { correct: number; total: number }>;
  misses: string[];
}

export function evaluate(
  pipeline: Pipeline,
  fixtures: readonly LoadedFixture[],
  places: Places,
): EvaluationReport {
  const report: EvaluationReport = {
    pages: fixtures.length,
    labelledMentions: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    lookalikeTypeAccuracy: { correct: 0, total: 0 },
    laAttribution: { correct: 0, total: 0 },
    laRoles: { correct: 0, total: 0 },
    fields: Object.fromEntries(
      SCORED_FIELDS.map((f) => [f, { correct: 0, total: 0 }]),
    ) as EvaluationReport['fields'],
    misses: [],
  };
  for (const { label, page } of fixtures) {
    const observations = pipeline.extract(page, places);
    const matched = new Set<PartnershipObservation>();
    for (const expected of label.partnerships) {
      report.labelledMentions++;
      const obs = findObservation(observations, expected.name);
      if (obs) matched.add(obs);
      const predictedAbep = obs?.decision === 'abep';
      if (expected.decision === 'abep' && predictedAbep) report.truePositives++;
      else if (expected.decision === 'abep') {
        report.falseNegatives++;
        report.misses.push(
          `${label.file}: missed ABEP ${expected.name} (${obs ? `${obs.decision}: ${obs.reason}` : 'not found'})`,
        );
      } else if (predictedAbep) {
        report.falsePositives++;
        report.misses.push(
          `${label.file}: ${expected.name} is ${expected.lookalikeType ?? expected.decision}, predicted ABEP`,
        );
      }
      if (expected.decision === 'lookalike') {
        report.lookalikeTypeAccuracy.total++;
        if (obs?.lookalikeType === expected.lookalikeType) report.lookalikeTypeAccuracy.correct++;
        else
          report.misses.push(
            `${label.file}: ${expected.name} type ${expected.lookalikeType}, got ${obs?.lookalikeType ?? obs?.decision ?? 'not found'}`,
          );
      }
      if (!obs) continue;
      if (expected.las) {
        report.laAttribution.total++;
        if (laAttributed(obs, expected, label)) report.laAttribution.correct++;
        else
          report.misses.push(
            `${label.file}: ${expected.name} LAs ${expected.las.join('/')}, got ${(obs.fields.areas ?? []).map((a) => a.value).join('/')}`,
          );
      }
      for (const field of SCORED_FIELDS) {
        if (expected[field] === undefined) continue;
        report.fields[field].total++;
        if (fieldValue(obs, field) === expected[field]) report.fields[field].correct++;
        else
          report.misses.push(
            `${label.file}: ${expected.name} ${field} ${expected[field]}, got ${String(fieldValue(obs, field))}`,
          );
      }
    }
    for (const obs of observations) {
      if (obs.kind === 'partnership' && obs.decision === 'abep' && !matched.has(obs)) {
        report.falsePositives++;
        report.misses.push(`${label.file}: unlabelled ABEP ${obs.fields.name.value}`);
      }
    }
    if (label.laRoles) {
      report.laRoles.total++;
      const got = laRolesOf(observations);
      if (JSON.stringify(got) === JSON.stringify([...label.laRoles].sort())) report.laRoles.correct++;
      else
        report.misses.push(
          `${label.file}: LA roles ${label.laRoles.join(',') || 'none'}, got ${got.join(',') || 'none'}`,
        );
    }
  }
  const tp = report.truePositives;
  report.precision = tp + report.falsePositives === 0 ? 1 : tp / (tp + report.falsePositives);
  report.recall = tp + report.falseNegatives === 0 ? 1 : tp / (tp + report.falseNegatives);
  return report;
}
