import { FORMULA_NOTE } from './build-csv.ts';
import { jsonBytes } from './canonical.ts';
import type { FieldSpec } from './table-fields.ts';
import { LIST_SEPARATOR } from './table-fields.ts';

export const OGL_NOTICE =
  'Contains public sector information licensed under the Open Government Licence v3.0.';
export const BOUNDARY_NOTICE =
  'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2023.';

export interface ResourceFile {
  path: string;
  bytes: number;
  sha256: string;
  mediaType: string;
}

export interface TableResource<R> {
  name: string;
  title: string;
  description: string;
  fields: readonly FieldSpec<R>[];
  primaryKey: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
}

function tableSchema<R>(table: TableResource<R>) {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    fields: table.fields.map((f) => ({
      name: f.name,
      // Lists are typed as strings: Table Schema v2's `list` type is not yet read by the common validators.
      ...(f.list
        ? { type: 'string' }
        : {
            type: f.type,
            ...(f.type === 'boolean' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
          }),
      description: f.list
        ? `${f.description} (a list of ${f.type}s joined with "${LIST_SEPARATOR}")`
        : f.description,
      ...(f.required || f.enum
        ? { constraints: { ...(f.required ? { required: true } : {}), ...(f.enum ? { enum: f.enum } : {}) } }
        : {}),
    })),
    missingValues: [''],
    primaryKey: table.primaryKey,
    ...(table.foreignKeys ? { foreignKeys: table.foreignKeys } : {}),
  };
}

export interface DataPackageInput {
  files: readonly ResourceFile[];
  /** CSV path → its table description. */
  tables: Record<string, TableResource<never>>;
  descriptions: Record<string, { name: string; title: string; description: string }>;
  /** `utf-8-sig` when the CSVs start with a byte-order mark. */
  csvEncoding?: 'utf-8' | 'utf-8-sig';
}

/**
 * A Frictionless Data Package (v2) describing every content file: CSVs with Table Schemas, the rest as files,
 * each with its bytes and sha256. No dates or version ids inside, so equal content gives equal bytes.
 */
export function buildDataPackage(input: DataPackageInput): Buffer {
  const resources = [...input.files]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((file) => {
      const table = input.tables[file.path];
      const about = table ?? input.descriptions[file.path];
      if (!about) throw new Error(`no description for ${file.path}`);
      const format = file.path.slice(file.path.lastIndexOf('.') + 1);
      return {
        name: about.name,
        title: about.title,
        description: table ? `${about.description} ${FORMULA_NOTE}` : about.description,
        path: file.path,
        // Parquet is described as a file (bytes and hash): Python frictionless reads Parquet with fastparquet,
        // which cannot decode the nested LIST columns of v2 data pages. DuckDB and Arrow read it fine.
        ...(table ? { type: 'table' } : format === 'parquet' ? { type: 'file' } : {}),
        format,
        mediatype: file.mediaType,
        ...(table
          ? { encoding: input.csvEncoding ?? 'utf-8' }
          : format === 'json' || format === 'geojson'
            ? { encoding: 'utf-8' }
            : {}),
        bytes: file.bytes,
        hash: `sha256:${file.sha256}`,
        ...(table
          ? {
              dialect: {
                $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json',
                delimiter: ',',
                lineTerminator: '\r\n',
                header: true,
              },
              schema: tableSchema(table),
            }
          : {}),
      };
    });
  return jsonBytes({
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: 'abep-register',
    title: 'Register of area-based education partnerships in England',
    description:
      "Area-based education partnerships (ABEPs) found on English local authority and partnership websites, the local authorities they cover, and each LA's role in school improvement. Every fact carries its source page.",
    keywords: ['education', 'schools', 'partnerships', 'local authorities', 'England'],
    licenses: [
      {
        name: 'OGL-UK-3.0',
        path: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
        title: 'Open Government Licence v3.0',
      },
    ],
    sources: [
      {
        title:
          'Local authority and partnership websites (each fact names its page in source_urls / provenance)',
      },
      {
        title:
          'Department for Education: LA codes and regions (dfe-analytical-services/dfe-published-data-qa). ' +
          OGL_NOTICE,
        path: 'https://github.com/dfe-analytical-services/dfe-published-data-qa',
      },
      {
        title: `ONS Counties and Unitary Authorities (May 2023) Boundaries UK BUC. ${BOUNDARY_NOTICE}`,
        path: 'https://geoportal.statistics.gov.uk/',
      },
      {
        title: 'mySociety UK local authority names and codes (CC BY 4.0, attribution: mySociety)',
        path: 'https://github.com/mysociety/uk_local_authority_names_and_codes',
      },
    ],
    resources,
  });
}
