import { pipelineTaking } from '@abep/pipelines';
import type {
  LaRoleObservation,
  PageExaminedObservation,
  PartnershipFields,
  PartnershipObservation,
  SourceKind,
} from '@abep/schemas';

/** Builders for observations in tests and the bench; every name and URL here is invented. */
let counter = 0;
const sha = 'a'.repeat(64);

export interface SourceOptions {
  url: string;
  kind?: SourceKind;
  crawlId?: string;
  fetchedAt?: string;
  laCode?: string;
  observationId?: string;
}

function source(o: SourceOptions) {
  return {
    crawlId: o.crawlId ?? 'crawl-1',
    pipeline: pipelineTaking(o.kind === 'council' ? 'local-authorities' : 'partnership-links').name,
    url: o.url,
    fetchedAt: o.fetchedAt ?? '2025-01-10T10:00:00Z',
    pageSha256: sha,
    sourceKind: o.kind ?? 'own-site',
    extractorVersion: 'test-1',
    ...(o.laCode ? { laCode: o.laCode } : {}),
  };
}

const ev = <T>(value: T) => ({ value, excerpt: `…${String(value)}…` });

export interface PartnershipOptions extends SourceOptions {
  name: string;
  areas?: string[];
  website?: string;
  companyNumber?: string;
  charityNumber?: string;
  type?: 'schools-led' | 'joint-with-la' | 'la-coordinated' | 'unknown';
  description?: string;
  decision?: 'abep' | 'lookalike' | 'unclear';
  confidence?: number;
  extra?: Partial<PartnershipFields>;
}

export function partnershipObs(o: PartnershipOptions): PartnershipObservation {
  const fields: PartnershipFields = { name: ev(o.name), ...o.extra };
  if (o.areas) fields.areas = o.areas.map(ev);
  if (o.website) fields.website = ev(o.website);
  if (o.companyNumber) fields.companyNumber = ev(o.companyNumber);
  if (o.charityNumber) fields.charityNumber = ev(o.charityNumber);
  if (o.type) fields.type = ev(o.type);
  if (o.description) fields.description = ev(o.description);
  return {
    kind: 'partnership',
    observationId: o.observationId ?? `obs-${++counter}`,
    source: source(o),
    decision: o.decision ?? 'abep',
    ...(o.decision === 'lookalike' ? { lookalikeType: 'multi-academy-trust' as const } : {}),
    reason:
      o.decision && o.decision !== 'abep'
        ? 'a trust of academies, not an area partnership'
        : 'describes itself as a partnership of all schools in the area',
    ...(o.confidence !== undefined ? { confidence: o.confidence } : {}),
    fields,
  };
}

export function pageExamined(o: SourceOptions): PageExaminedObservation {
  return {
    kind: 'page-examined',
    observationId: o.observationId ?? `obs-${++counter}`,
    source: source(o),
    ...(o.laCode ? { laCode: o.laCode } : {}),
  };
}

export function laRole(
  o: SourceOptions & { laCode: string; roles: ('funder' | 'convener' | 'deliverer')[] },
): LaRoleObservation {
  return {
    kind: 'la-role',
    observationId: o.observationId ?? `obs-${++counter}`,
    source: source({ ...o, kind: o.kind ?? 'council' }),
    laCode: o.laCode,
    roles: o.roles.map(ev),
  };
}
