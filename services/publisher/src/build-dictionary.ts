import { csvChunks, FORMULA_NOTE } from './build-csv.ts';
import type { TableResource } from './build-datapackage.ts';
import { type FieldSpec, LIST_SEPARATOR } from './table-fields.ts';

/** One row of data-dictionary.csv: a column of a published CSV, with how to read it. */
export interface DictionaryRow {
  file: string;
  column: string;
  type: string;
  list: boolean;
  required: boolean;
  meaning: string;
  example: string;
  pandas_dtype: string;
  duckdb_type: string;
}

const dictionaryFields: FieldSpec<DictionaryRow>[] = [
  { name: 'file', type: 'string', required: true, description: 'The CSV file' },
  { name: 'column', type: 'string', required: true, description: 'Column name, as in the header row' },
  {
    name: 'type',
    type: 'string',
    required: true,
    description: 'Table Schema type of the values (of each list item when list is true)',
    enum: ['string', 'integer', 'number', 'boolean', 'datetime'],
  },
  { name: 'list', type: 'boolean', required: true, description: `Values joined with "${LIST_SEPARATOR}"` },
  { name: 'required', type: 'boolean', required: true, description: 'Never empty' },
  { name: 'meaning', type: 'string', required: true, description: 'What the column holds' },
  { name: 'example', type: 'string', description: 'A value from this version (cut at 80 characters)' },
  {
    name: 'pandas_dtype',
    type: 'string',
    required: true,
    description: 'dtype to pass to pandas.read_csv (datetimes: string, then parse_dates)',
  },
  { name: 'duckdb_type', type: 'string', required: true, description: 'Type to pass to DuckDB read_csv' },
];

const PANDAS: Record<FieldSpec<never>['type'], string> = {
  string: 'string',
  integer: 'Int64',
  number: 'Float64',
  boolean: 'boolean',
  datetime: 'string',
};
const DUCKDB: Record<FieldSpec<never>['type'], string> = {
  string: 'VARCHAR',
  integer: 'BIGINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  datetime: 'TIMESTAMPTZ',
};

/** Rows examples are taken from: the first values that are not empty. */
const SAMPLE_ROWS = 500;

function example(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.map(String).join(LIST_SEPARATOR) : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export interface DictionaryTable {
  path: string;
  table: TableResource<never>;
  /** The table's first rows (at most SAMPLE_ROWS are read), for examples. */
  rows: () => readonly object[];
}

export function dictionaryRows(tables: readonly DictionaryTable[]): DictionaryRow[] {
  return tables.flatMap(({ path, table, rows }) => {
    const sample = rows().slice(0, SAMPLE_ROWS);
    return table.fields.map((f: FieldSpec<never>) => ({
      file: path,
      column: f.name,
      type: f.type,
      list: Boolean(f.list),
      required: Boolean(f.required),
      meaning: f.description,
      example: example(
        sample
          .map((r) => (r as Record<string, unknown>)[f.name])
          .find((v) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)),
      ),
      pandas_dtype: f.list ? 'string' : PANDAS[f.type],
      duckdb_type: f.list ? 'VARCHAR' : DUCKDB[f.type],
    }));
  });
}

export function dictionaryCsv(rows: readonly DictionaryRow[]): Buffer {
  return Buffer.concat([...csvChunks(rows.length, (s, e) => rows.slice(s, e), dictionaryFields as never)]);
}

const md = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function pandasRecipe(path: string, rows: readonly DictionaryRow[]): string {
  const dtypes = rows
    .filter((r) => r.type !== 'datetime' || r.list)
    .map((r) => `"${r.column}": "${r.pandas_dtype}"`);
  const dates = rows.filter((r) => r.type === 'datetime' && !r.list).map((r) => `"${r.column}"`);
  return [
    `df = pd.read_csv("${path}", keep_default_na=False, na_values=[""],`,
    `    dtype={${dtypes.join(', ')}}${dates.length ? `,\n    parse_dates=[${dates.join(', ')}]` : ''})`,
  ].join('\n');
}

function duckdbRecipe(path: string, rows: readonly DictionaryRow[]): string {
  return `SELECT * FROM read_csv('${path}', header = true, types = {${rows.map((r) => `'${r.column}': '${r.duckdb_type}'`).join(', ')}});`;
}

/** data-dictionary.md: every CSV column, its meaning and an example, and how to read each file with the right types. */
export function dictionaryMarkdown(
  tables: readonly DictionaryTable[],
  rows: readonly DictionaryRow[],
): Buffer {
  const out: string[] = [
    '# Data dictionary',
    '',
    `Every CSV in this version: UTF-8, comma-separated, CRLF line ends, a header row; an empty cell is a missing value; lists are joined with "${LIST_SEPARATOR}"; times are ISO 8601 UTC. ${FORMULA_NOTE}`,
    '',
    'Read codes and numbers that look numeric as text (LA codes, company numbers, URNs keep their leading zeros): pass the dtypes below. The same table is in `data-dictionary.csv`; `datapackage.json` carries it as Table Schemas; `partnerships.parquet` and the JSON files are typed already.',
    '',
  ];
  for (const { path, table } of tables) {
    const own = rows.filter((r) => r.file === path);
    out.push(
      `## ${path} — ${table.title}`,
      '',
      md(table.description),
      '',
      `Primary key: ${table.primaryKey.map((k) => `\`${k}\``).join(', ')}.`,
      '',
      '| column | type | required | meaning | example |',
      '| --- | --- | --- | --- | --- |',
      ...own.map(
        (r) =>
          `| \`${r.column}\` | ${r.list ? `list of ${r.type}` : r.type} | ${r.required ? 'yes' : ''} | ${md(r.meaning)} | ${r.example ? `\`${md(r.example).replace(/`/g, "'")}\`` : ''} |`,
      ),
      '',
      '```python',
      'import pandas as pd',
      pandasRecipe(path, own),
      '```',
      '',
      '```sql',
      duckdbRecipe(path, own),
      '```',
      '',
    );
  }
  return Buffer.from(out.join('\n'));
}

export const DICTIONARY_TABLE: TableResource<never> = {
  name: 'data-dictionary',
  title: 'Data dictionary',
  description:
    'Every column of every CSV in this version: type, meaning, an example value, and the pandas dtype and DuckDB type to read it with (data-dictionary.md has the same with ready-made read_csv calls).',
  fields: dictionaryFields as never,
  primaryKey: ['file', 'column'],
};
