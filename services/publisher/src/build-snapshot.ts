import { createHash } from 'node:crypto';
import type { LaBoundaries, LaSchoolCounts, LocalAuthority } from '@abep/gazetteer';
import { type LocalAuthorityProfileV1, type PartnershipV1, registerJsonSchemas } from '@abep/schemas';
import { candidateFields, candidateRow, isCandidate } from './build-candidates.ts';
import { CHUNK_CHARS, csvChunks, withBom } from './build-csv.ts';
import { buildDataPackage, type ResourceFile, type TableResource } from './build-datapackage.ts';
import { DICTIONARY_TABLE, dictionaryCsv, dictionaryMarkdown, dictionaryRows } from './build-dictionary.ts';
import { geoJsonChunks } from './build-geojson.ts';
import { partnershipSchoolFields, partnershipSchoolRows } from './build-member-schools.ts';
import { buildParquet } from './build-parquet.ts';
import {
  coveredLas,
  laProfileRow,
  laProfiles,
  linkRows,
  partnershipColumns,
  partnershipRow,
} from './build-rows.ts';
import { canonicalJson, jsonBytes, sha256Hex } from './canonical.ts';
import type { RegisterContent } from './read-register.ts';
import { laProfileFields, linkFields, partnershipFields } from './table-fields.ts';

/** A content file described by its size and hash; its bytes are kept when small and made again otherwise. */
export interface PlannedFile extends ResourceFile {
  /** The bytes, when kept. */
  body?: Buffer;
  /** The file's bytes as chunks, made afresh on each call (the same bytes every time), or the kept body. */
  chunks(): Iterable<Uint8Array>;
}

interface ContentFile extends PlannedFile {
  body: Buffer;
}

export interface SnapshotPlan {
  /** Sorted by path; everything but changes.json and manifest.json. */
  files: PlannedFile[];
  /** sha256 over `<sha256>  <path>\n` of every content file, in path order (the `sha256sum` format). */
  contentHash: string;
  /** The register: every partnership that is not a candidate. */
  partnerships: PartnershipV1[];
  /** Partnerships with confidence below PUBLISH_CONFIDENCE: in partnership-candidates.*, nowhere else. */
  candidates: PartnershipV1[];
  localAuthorities: LocalAuthorityProfileV1[];
  rows: { partnerships: number; partnershipLocalAuthorities: number; localAuthorities: number };
}

/** A snapshot with every file's bytes in memory (tests and small registers). */
export interface SnapshotContent extends SnapshotPlan {
  files: ContentFile[];
}

export const MEDIA = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  geojson: 'application/geo+json',
  schema: 'application/schema+json',
  markdown: 'text/markdown; charset=utf-8',
} as const;

/** A JSON array with one canonical record per line: diffable, streamable, and read directly by DuckDB and pandas. */
function* jsonLinesChunks<T>(records: readonly T[], serialise: (record: T) => string): Generator<Buffer> {
  if (records.length === 0) {
    yield Buffer.from('[]\n');
    return;
  }
  let text = '[\n';
  const last = records.length - 1;
  for (let i = 0; i < records.length; i++) {
    text += `${serialise(records[i] as T)}${i < last ? ',\n' : '\n'}`;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text);
      text = '';
    }
  }
  yield Buffer.from(`${text}]\n`);
}

interface FileSource {
  path: string;
  mediaType: string;
  chunks(): Iterable<Uint8Array>;
  /** Already in memory as one buffer: always kept. */
  fixed?: true;
}

const fixed = (path: string, body: Buffer, mediaType: string): FileSource => ({
  path,
  mediaType,
  chunks: () => [body],
  fixed: true,
});

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Makes the file once to learn its size and sha256. Its bytes are kept only up to `keepUpTo` bytes; a larger
 * file is made again, chunk by chunk, when it is written, so no large file is ever held whole.
 */
function describe(source: FileSource, keepBytesUpTo: number): PlannedFile {
  const keepUpTo = source.fixed ? Number.POSITIVE_INFINITY : keepBytesUpTo;
  const hash = createHash('sha256');
  let bytes = 0;
  let kept: Uint8Array[] | undefined = [];
  for (const chunk of source.chunks()) {
    hash.update(chunk);
    bytes += chunk.length;
    if (kept && bytes <= keepUpTo) kept.push(chunk);
    else kept = undefined;
  }
  const body = kept && (kept.length === 1 ? asBuffer(kept[0] as Uint8Array) : Buffer.concat(kept));
  const file = { path: source.path, mediaType: source.mediaType, bytes, sha256: hash.digest('hex') };
  return body ? { ...file, body, chunks: () => [body] } : { ...file, chunks: () => source.chunks() };
}

function contentHashOf(files: readonly ResourceFile[]): string {
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
  'partnership-schools.csv': {
    name: 'partnership-schools',
    title: 'Partnership member schools',
    description:
      'Each member school a partnership page names: the name as written, the GIAS school it resolves to within the partnership’s LAs (or the candidates when ambiguous; never guessed), the match kind and the page.',
    fields: partnershipSchoolFields as never,
    primaryKey: ['partnership_id', 'name_on_page'],
    foreignKeys: [{ fields: ['partnership_id'], reference: { resource: 'partnerships', fields: ['id'] } }],
  },
  'partnership-candidates.csv': {
    name: 'partnership-candidates',
    title: 'Partnership candidates',
    description:
      'Possible partnerships whose evidence is below the publishing confidence: not in the register, listed with their evidence so a person can promote one with a correction.',
    fields: candidateFields as never,
    primaryKey: ['id'],
  },
};

const DESCRIPTIONS: Record<string, { name: string; title: string; description: string }> = {
  'data-dictionary.md': {
    name: 'data-dictionary-md',
    title: 'Data dictionary (Markdown)',
    description:
      'Every CSV column with its type, meaning and an example, and how to read each file in pandas and DuckDB with the right types.',
  },
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
  'partnership-candidates.json': {
    name: 'partnership-candidates-json',
    title: 'Partnership candidates (full records)',
    description:
      'Every candidate as a partnership.v1 record with its confidence and field-level provenance; not part of the register.',
  },
  'partnership-schools.json': {
    name: 'partnership-schools-json',
    title: 'Partnership member schools (JSON)',
    description: 'The partnership-schools table as JSON records, with candidates named for ambiguous names.',
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

/** Made once, first, a column at a time straight from the records, and kept (it is small). */
function partnershipsParquet(partnerships: readonly PartnershipV1[], rowGroupRows?: number): Buffer {
  return buildParquet(
    partnerships.length,
    (name, start, end) => partnerships.slice(start, end).map((p) => partnershipColumns[name](p)),
    partnershipFields,
    rowGroupRows ? { rowGroupRows } : {},
  );
}

export interface PlanOptions {
  /** Files up to this many bytes keep their bytes from the hashing pass; larger ones are made again when written. */
  keepBytesUpTo?: number;
  /** Rows per Parquet row group; default ROW_GROUP_ROWS (100,000). */
  parquetRowGroupRows?: number;
  /** Open state schools per LA (from the school lists); without them LA profiles carry no school counts. */
  schoolCounts?: ReadonlyMap<string, LaSchoolCounts>;
  /**
   * Files of the map (`map/…`, from @abep/map) published in the version beside the data: content files (in the
   * manifest and the content hash, so a new map publishes a new version once) but not data-package resources.
   */
  siteFiles?: readonly { path: string; mediaType: string; body: Buffer }[];
  /** Start every CSV with a UTF-8 BOM (the data package then says `utf-8-sig`). */
  csvBom?: boolean;
}

/** Bytes of a content file kept between hashing and writing; larger files are made twice instead of held. */
export const KEEP_BYTES_UP_TO = 1024 * 1024;

/**
 * Pure: register content in, every content file's size and sha256 out (and the content hash), with each file's
 * bytes kept or re-makeable. Equal content gives byte-identical files.
 */
export function planSnapshot(
  register: Pick<RegisterContent, 'partnerships' | 'profiles'>,
  las: readonly LocalAuthority[],
  boundaries: LaBoundaries,
  options: PlanOptions = {},
): SnapshotPlan {
  const keepUpTo = options.keepBytesUpTo ?? KEEP_BYTES_UP_TO;
  const partnerships = register.partnerships.filter((p) => !isCandidate(p));
  const candidates = register.partnerships.filter(isCandidate);
  const n = partnerships.length;
  const parquet = partnershipsParquet(partnerships, options.parquetRowGroupRows);
  const profiles = laProfiles(las, register.profiles, partnerships, options.schoolCounts);
  const schoolRows = partnershipSchoolRows(partnerships);
  const schoolJson = partnerships.flatMap((p) =>
    (p.memberSchools ?? []).map((m) => ({ partnershipId: p.id, ...m })),
  );
  const namesById = new Map(partnerships.map((p) => [p.id, p.name]));
  const laRows = profiles.map((p) => laProfileRow(p, namesById));
  namesById.clear();
  const schemas = registerJsonSchemas();
  const slice = (start: number, end: number) => partnerships.slice(start, end);
  const samples: Record<string, () => readonly object[]> = {
    'partnerships.csv': () => slice(0, 500).map(partnershipRow),
    'partnership-local-authorities.csv': () => linkRows(slice(0, 500)),
    'local-authorities.csv': () => laRows,
    'partnership-schools.csv': () => schoolRows,
    'partnership-candidates.csv': () => candidates.slice(0, 500).map(candidateRow),
  };
  const dictionaryTables = Object.entries(TABLES).map(([path, table]) => ({
    path,
    table,
    rows: samples[path] ?? (() => []),
  }));
  const dictionary = dictionaryRows(dictionaryTables);

  const sources: FileSource[] = [
    {
      path: 'partnerships.json',
      mediaType: MEDIA.json,
      chunks: () => jsonLinesChunks(partnerships, (p) => canonicalJson(p)),
    },
    {
      path: 'local-authorities.json',
      mediaType: MEDIA.json,
      chunks: () => jsonLinesChunks(profiles, (p) => canonicalJson(p)),
    },
    {
      path: 'partnerships.csv',
      mediaType: MEDIA.csv,
      chunks: () => csvChunks(n, (s, e) => slice(s, e).map(partnershipRow), partnershipFields),
    },
    {
      path: 'partnership-local-authorities.csv',
      mediaType: MEDIA.csv,
      chunks: () => csvChunks(n, (s, e) => linkRows(slice(s, e)), linkFields),
    },
    {
      path: 'local-authorities.csv',
      mediaType: MEDIA.csv,
      chunks: () => csvChunks(laRows.length, (s, e) => laRows.slice(s, e), laProfileFields),
    },
    {
      path: 'partnership-schools.csv',
      mediaType: MEDIA.csv,
      chunks: () => csvChunks(schoolRows.length, (s, e) => schoolRows.slice(s, e), partnershipSchoolFields),
    },
    {
      path: 'partnership-schools.json',
      mediaType: MEDIA.json,
      chunks: () => jsonLinesChunks(schoolJson, (m) => canonicalJson(m)),
    },
    {
      path: 'partnership-candidates.json',
      mediaType: MEDIA.json,
      chunks: () => jsonLinesChunks(candidates, (p) => canonicalJson(p)),
    },
    {
      path: 'partnership-candidates.csv',
      mediaType: MEDIA.csv,
      chunks: () =>
        csvChunks(candidates.length, (s, e) => candidates.slice(s, e).map(candidateRow), candidateFields),
    },
    fixed('partnerships.parquet', parquet, MEDIA.parquet),
    fixed('data-dictionary.csv', dictionaryCsv(dictionary), MEDIA.csv),
    fixed('data-dictionary.md', dictionaryMarkdown(dictionaryTables, dictionary), MEDIA.markdown),
    {
      path: 'local-authorities.geojson',
      mediaType: MEDIA.geojson,
      chunks: () => geoJsonChunks(laRows, boundaries),
    },
    fixed('schema/partnership.v1.json', jsonBytes(schemas['partnership.v1']), MEDIA.schema),
    fixed(
      'schema/local-authority-profile.v1.json',
      jsonBytes(schemas['local-authority-profile.v1']),
      MEDIA.schema,
    ),
  ];
  const files = sources
    .map((source) =>
      options.csvBom && source.mediaType === MEDIA.csv
        ? { ...source, chunks: () => withBom(source.chunks()) }
        : source,
    )
    .map((source) => describe(source, keepUpTo));
  const datapackage = buildDataPackage({
    csvEncoding: options.csvBom ? 'utf-8-sig' : 'utf-8',
    files,
    tables: { ...TABLES, 'data-dictionary.csv': DICTIONARY_TABLE },
    descriptions: DESCRIPTIONS,
  });
  files.push(describe(fixed('datapackage.json', datapackage, MEDIA.json), keepUpTo));
  for (const site of options.siteFiles ?? []) {
    files.push(describe(fixed(site.path, site.body, site.mediaType), keepUpTo));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    files,
    contentHash: contentHashOf(files),
    partnerships,
    candidates,
    localAuthorities: profiles,
    rows: {
      partnerships: n,
      partnershipLocalAuthorities: partnerships.reduce((sum, p) => sum + coveredLas(p).length, 0),
      localAuthorities: laRows.length,
    },
  };
}

/** Pure: register content in, every content file's bytes out. Equal content gives byte-identical files. */
export function buildSnapshot(
  register: Pick<RegisterContent, 'partnerships' | 'profiles'>,
  las: readonly LocalAuthority[],
  boundaries: LaBoundaries,
  options: Pick<PlanOptions, 'siteFiles' | 'schoolCounts'> = {},
): SnapshotContent {
  const plan = planSnapshot(register, las, boundaries, {
    ...options,
    keepBytesUpTo: Number.POSITIVE_INFINITY,
  });
  return { ...plan, files: plan.files as ContentFile[] };
}
