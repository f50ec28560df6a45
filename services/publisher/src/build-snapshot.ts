import type { LaBoundaries, LocalAuthority } from '@abep/gazetteer';
import { type LocalAuthorityProfileV1, type PartnershipV1, registerJsonSchemas } from '@abep/schemas';
import { buildCsv } from './build-csv.ts';
import { buildDataPackage, type ResourceFile, type TableResource } from './build-datapackage.ts';
import { buildGeoJson } from './build-geojson.ts';
import { buildParquet } from './build-parquet.ts';
import { laProfileRow, laProfiles, linkRows, partnershipRow } from './build-rows.ts';
import { canonicalJson, jsonBytes, sha256Hex } from './canonical.ts';
import type { RegisterContent } from './read-register.ts';
import { laProfileFields, linkFields, partnershipFields } from './table-fields.ts';

export interface ContentFile extends ResourceFile {
  body: Buffer;
}

export interface SnapshotContent {
  /** Sorted by path; everything but changes.json and manifest.json. */
  files: ContentFile[];
  /** sha256 over `<sha256>  <path>\n` of every content file, in path order (the `sha256sum` format). */
  contentHash: string;
  partnerships: PartnershipV1[];
  localAuthorities: LocalAuthorityProfileV1[];
  rows: { partnerships: number; partnershipLocalAuthorities: number; localAuthorities: number };
}

export const MEDIA = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  geojson: 'application/geo+json',
  schema: 'application/schema+json',
} as const;

/** A JSON array with one canonical record per line: diffable, streamable, and read directly by DuckDB and pandas. */
function jsonLinesArray(records: readonly unknown[]): Buffer {
  if (records.length === 0) return Buffer.from('[]\n');
  const chunks: Buffer[] = [Buffer.from('[\n')];
  // Built in chunks so no single string holds the whole file next to its bytes.
  for (let i = 0; i < records.length; i += CHUNK) {
    const end = Math.min(i + CHUNK, records.length);
    const lines = records.slice(i, end).map((r) => canonicalJson(r));
    chunks.push(Buffer.from(`${lines.join(',\n')}${end < records.length ? ',' : ''}\n`));
  }
  chunks.push(Buffer.from(']\n'));
  return Buffer.concat(chunks);
}

const CHUNK = 2000;

function file(path: string, body: Buffer, mediaType: string): ContentFile {
  return { path, body, bytes: body.length, sha256: sha256Hex(body), mediaType };
}

export function contentHashOf(files: readonly ResourceFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
  return sha256Hex(lines);
}

const TABLES: Record<string, TableResource<never>> = {
  'partnerships.csv': {
    name: 'partnerships',
    title: 'Partnerships',
    description: 'One row per area-based education partnership. Lists are joined with "; ".',
    fields: partnershipFields as never,
    primaryKey: ['id'],
  },
  'partnership-local-authorities.csv': {
    name: 'partnership-local-authorities',
    title: 'Partnership × local authority',
    description: 'Which local authorities each partnership covers (one row per pair).',
    fields: linkFields as never,
    primaryKey: ['partnership_id', 'la_code'],
    foreignKeys: [
      { fields: ['partnership_id'], reference: { resource: 'partnerships', fields: ['id'] } },
      { fields: ['la_code'], reference: { resource: 'local-authorities', fields: ['la_code'] } },
    ],
  },
  'local-authorities.csv': {
    name: 'local-authorities',
    title: 'Local authority profiles',
    description:
      'All 153 English LAs with education responsibility: role in school improvement, partnerships, evidence.',
    fields: laProfileFields as never,
    primaryKey: ['la_code'],
  },
};

const DESCRIPTIONS: Record<string, { name: string; title: string; description: string }> = {
  'partnerships.json': {
    name: 'partnerships-json',
    title: 'Partnerships (full records)',
    description:
      'Every partnership as a partnership.v1 record with field-level provenance (schema/partnership.v1.json).',
  },
  'local-authorities.json': {
    name: 'local-authorities-json',
    title: 'Local authority profiles (full records)',
    description:
      'Every LA profile as a local-authority-profile.v1 record (schema/local-authority-profile.v1.json).',
  },
  'partnerships.parquet': {
    name: 'partnerships-parquet',
    title: 'Partnerships (Parquet)',
    description: 'The partnerships table with typed columns: lists as LIST<STRING>, times as UTC timestamps.',
  },
  'local-authorities.geojson': {
    name: 'local-authorities-geojson',
    title: 'Local authority boundaries with profiles',
    description:
      'RFC 7946 FeatureCollection of the 153 LA boundaries (ONS May 2023, ultra-generalised) with each profile as properties.',
  },
  'schema/partnership.v1.json': {
    name: 'schema-partnership-v1',
    title: 'JSON Schema: partnership.v1',
    description:
      'JSON Schema (2020-12) of partnerships.json records, generated from the register zod schema.',
  },
  'schema/local-authority-profile.v1.json': {
    name: 'schema-local-authority-profile-v1',
    title: 'JSON Schema: local-authority-profile.v1',
    description:
      'JSON Schema (2020-12) of local-authorities.json records, generated from the register zod schema.',
  },
};

/** Pure: register content in, every content file's bytes out. Equal content gives byte-identical files. */
export function buildSnapshot(
  register: Pick<RegisterContent, 'partnerships' | 'profiles'>,
  las: readonly LocalAuthority[],
  boundaries: LaBoundaries,
): SnapshotContent {
  const partnerships = register.partnerships;
  const profiles = laProfiles(las, register.profiles, partnerships);
  const pRows = partnerships.map(partnershipRow);
  const links = linkRows(partnerships);
  const namesById = new Map(partnerships.map((p) => [p.id, p.name]));
  const laRows = profiles.map((p) => laProfileRow(p, namesById));
  const schemas = registerJsonSchemas();

  const files: ContentFile[] = [
    file('partnerships.json', jsonLinesArray(partnerships), MEDIA.json),
    file('local-authorities.json', jsonLinesArray(profiles), MEDIA.json),
    file('partnerships.csv', buildCsv(pRows, partnershipFields), MEDIA.csv),
    file('partnership-local-authorities.csv', buildCsv(links, linkFields), MEDIA.csv),
    file('local-authorities.csv', buildCsv(laRows, laProfileFields), MEDIA.csv),
    file('partnerships.parquet', buildParquet(pRows, partnershipFields), MEDIA.parquet),
    file('local-authorities.geojson', buildGeoJson(laRows, boundaries), MEDIA.geojson),
    file('schema/partnership.v1.json', jsonBytes(schemas['partnership.v1']), MEDIA.schema),
    file(
      'schema/local-authority-profile.v1.json',
      jsonBytes(schemas['local-authority-profile.v1']),
      MEDIA.schema,
    ),
  ];
  files.push(
    file(
      'datapackage.json',
      buildDataPackage({ files, tables: TABLES, descriptions: DESCRIPTIONS }),
      MEDIA.json,
    ),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    files,
    contentHash: contentHashOf(files),
    partnerships,
    localAuthorities: profiles,
    rows: {
      partnerships: pRows.length,
      partnershipLocalAuthorities: links.length,
      localAuthorities: laRows.length,
    },
  };
}
