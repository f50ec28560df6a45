import type { LaProfileRow, LinkRow, PartnershipRow } from './build-rows.ts';

/** One column, described once for CSV, Parquet and the Table Schema in datapackage.json. */
export interface FieldSpec<R> {
  name: keyof R & string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  /** A list of `type` values: a LIST column in Parquet, joined with LIST_SEPARATOR in CSV. */
  list?: boolean;
  required?: boolean;
  description: string;
  enum?: readonly string[];
}

export const LIST_SEPARATOR = '; ';

export const partnershipFields: FieldSpec<PartnershipRow>[] = [
  {
    name: 'id',
    type: 'string',
    required: true,
    description: 'Stable partnership id (abep-…); survives recrawls and renames',
  },
  { name: 'name', type: 'string', required: true, description: 'Name the partnership uses for itself' },
  { name: 'aliases', type: 'string', list: true, description: 'Other names seen' },
  { name: 'website', type: 'string', description: 'Own website' },
  { name: 'description', type: 'string', description: 'Short description from its sources' },
  {
    name: 'type',
    type: 'string',
    required: true,
    description: 'Who leads it: schools-led, joint-with-la, la-coordinated, unknown',
    enum: ['schools-led', 'joint-with-la', 'la-coordinated', 'unknown'],
  },
  {
    name: 'legal_form',
    type: 'string',
    required: true,
    description: 'Legal form, e.g. company-limited-by-guarantee',
  },
  { name: 'company_number', type: 'string', description: 'Companies House number' },
  { name: 'charity_number', type: 'string', description: 'Charity Commission number' },
  { name: 'founded_year', type: 'integer', description: 'Year founded' },
  { name: 'member_count', type: 'integer', description: 'Member schools, as stated' },
  {
    name: 'member_school_urns',
    type: 'string',
    list: true,
    description: 'GIAS URNs of member schools that could be resolved',
  },
  {
    name: 'resolved_member_count',
    type: 'integer',
    required: true,
    description: 'Member schools resolved to a GIAS URN (beside member_count, the count the pages state)',
  },
  { name: 'phases', type: 'string', list: true, description: 'Phases served' },
  { name: 'focus_areas', type: 'string', list: true, description: 'Focus areas' },
  { name: 'contact_url', type: 'string', description: 'Contact page' },
  {
    name: 'status',
    type: 'string',
    required: true,
    description: 'active or inactive',
    enum: ['active', 'inactive'],
  },
  {
    name: 'la_codes',
    type: 'string',
    list: true,
    description: 'DfE codes of the local authorities it covers',
  },
  {
    name: 'la_names',
    type: 'string',
    list: true,
    description: 'Names of those local authorities, same order',
  },
  {
    name: 'gss_codes',
    type: 'string',
    list: true,
    description: 'ONS GSS codes of those local authorities, same order',
  },
  { name: 'region_codes', type: 'string', list: true, description: 'ONS region codes' },
  { name: 'region_names', type: 'string', list: true, description: 'Region names, same order' },
  { name: 'first_seen', type: 'datetime', required: true, description: 'First observed (UTC)' },
  { name: 'last_seen', type: 'datetime', required: true, description: 'Last observed (UTC)' },
  { name: 'crawls_unseen', type: 'integer', required: true, description: 'Crawls since last observed' },
  { name: 'source_urls', type: 'string', list: true, description: 'Every page a published fact came from' },
];

export const linkFields: FieldSpec<LinkRow>[] = [
  { name: 'partnership_id', type: 'string', required: true, description: 'partnerships.id' },
  { name: 'partnership_name', type: 'string', required: true, description: 'partnerships.name' },
  {
    name: 'la_code',
    type: 'string',
    required: true,
    description: 'DfE 3-digit LA code (local-authorities.la_code)',
  },
  { name: 'gss_code', type: 'string', required: true, description: 'ONS GSS code of the LA' },
  { name: 'la_name', type: 'string', required: true, description: 'LA name' },
];

export const laProfileFields: FieldSpec<LaProfileRow>[] = [
  { name: 'la_code', type: 'string', required: true, description: 'DfE 3-digit LA code' },
  { name: 'gss_code', type: 'string', required: true, description: 'ONS GSS code' },
  { name: 'la_name', type: 'string', required: true, description: 'LA name as DfE uses it' },
  { name: 'region_code', type: 'string', required: true, description: 'ONS region code' },
  { name: 'region_name', type: 'string', required: true, description: 'Region name' },
  { name: 'website', type: 'string', description: 'Council website' },
  {
    name: 'roles',
    type: 'string',
    list: true,
    description: "The LA's own role in school improvement: funder, convener, deliverer (none found = empty)",
  },
  { name: 'is_funder', type: 'boolean', required: true, description: 'roles includes funder' },
  { name: 'is_convener', type: 'boolean', required: true, description: 'roles includes convener' },
  { name: 'is_deliverer', type: 'boolean', required: true, description: 'roles includes deliverer' },
  {
    name: 'partnership_count',
    type: 'integer',
    required: true,
    description: 'Published partnerships covering this LA',
  },
  { name: 'partnership_ids', type: 'string', list: true, description: 'Their ids' },
  { name: 'partnership_names', type: 'string', list: true, description: 'Their names, same order' },
  {
    name: 'coverage',
    type: 'string',
    required: true,
    description:
      'crawled (read at last_crawled), unreachable (last attempt failed; earlier data kept) or not-crawled (never read)',
    enum: ['crawled', 'unreachable', 'not-crawled'],
  },
  { name: 'last_crawled', type: 'datetime', description: 'Last crawled (UTC)' },
  {
    name: 'pages_examined',
    type: 'string',
    list: true,
    description: 'Pages read for this LA, so "nothing found" can be checked',
  },
  {
    name: 'evidence_urls',
    type: 'string',
    list: true,
    description: 'Pages the roles and other facts came from',
  },
  {
    name: 'open_state_schools',
    type: 'integer',
    description: 'Open English state schools in the LA (GIAS, July 2025)',
  },
  { name: 'primary_schools', type: 'integer', description: 'Of those, phase Primary' },
  { name: 'secondary_schools', type: 'integer', description: 'Of those, phase Secondary' },
  {
    name: 'schools_by_phase',
    type: 'string',
    description: 'Open state schools by GIAS phase, "phase=count; …"',
  },
  {
    name: 'member_schools',
    type: 'integer',
    description:
      'Open state schools of the LA resolved as members of its partnerships (only where a member list is known)',
  },
  {
    name: 'member_school_share',
    type: 'number',
    description: 'member_schools / open_state_schools (only where a member list is known)',
  },
];
