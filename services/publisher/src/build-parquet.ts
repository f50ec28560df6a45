import { parquetWriteBuffer } from 'hyparquet-writer';
import type { FieldSpec } from './table-fields.ts';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

function schemaFor(field: FieldSpec<never>): SchemaElement[] {
  const leaf = (name: string, repetition: 'REQUIRED' | 'OPTIONAL'): SchemaElement => {
    switch (field.type) {
      case 'string':
        return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: repetition };
      case 'integer':
        return { name, type: 'INT32', repetition_type: repetition };
      case 'number':
        return { name, type: 'DOUBLE', repetition_type: repetition };
      case 'boolean':
        return { name, type: 'BOOLEAN', repetition_type: repetition };
      case 'datetime':
        return {
          name,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          repetition_type: repetition,
        };
    }
  };
  if (!field.list) return [leaf(field.name, field.required ? 'REQUIRED' : 'OPTIONAL')];
  // The standard three-level LIST: DuckDB, Arrow and Spark read it as a list of `type`.
  return [
    { name: field.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    leaf('element', 'REQUIRED'),
  ];
}

function columnValue(value: unknown, field: FieldSpec<never>): unknown {
  if (value === null || value === undefined) return field.list ? [] : null;
  if (field.type === 'datetime' && !field.list) return new Date(value as string);
  return value;
}

/**
 * A column made only when the writer asks for its rows (hyparquet-writer reads a column's `length` and
 * `slice`s one row group of it at a time, column by column; build-parquet.test.ts pins that the bytes equal an
 * eager write). So only one column's values are in memory at a time.
 */
function lazyColumn(count: number, field: FieldSpec<never>, valuesOf: ColumnValues<never>): unknown[] {
  return {
    length: count,
    slice(start: number, end: number) {
      const values = valuesOf(field.name, start, Math.min(end, count));
      for (let i = 0; i < values.length; i++) values[i] = columnValue(values[i], field);
      return values;
    },
  } as unknown as unknown[];
}

/** The values of column `name` for rows start..end. */
export type ColumnValues<R> = (name: keyof R & string, start: number, end: number) => unknown[];

/** The row group size the register was first published with. */
export const ROW_GROUP_ROWS = 10_000;

/**
 * Typed columns (strings, INT32, BOOLEAN, UTC timestamps, lists), snappy, with no writer timestamp: same rows,
 * same bytes. The writer holds one row group's column at a time, with garbage of a few times its size. `eager` hands the writer every column up front (the plain way, for the test that pins the lazy
 * columns to it).
 */
export function buildParquet<R extends object>(
  count: number,
  valuesOf: ColumnValues<R>,
  fields: readonly FieldSpec<R>[],
  options: { eager?: boolean; rowGroupRows?: number } = {},
): Buffer {
  const specs = fields as unknown as FieldSpec<never>[];
  const columnData = specs.map((field) => {
    const data = lazyColumn(count, field, valuesOf as ColumnValues<never>);
    return { name: field.name, data: options.eager ? data.slice(0, count) : data };
  });
  const schema: SchemaElement[] = [{ name: 'root', num_children: specs.length }, ...specs.flatMap(schemaFor)];
  const buffer = parquetWriteBuffer({
    columnData: columnData as Parameters<typeof parquetWriteBuffer>[0]['columnData'],
    schema,
    createdBy: 'abep-register publisher',
    rowGroupSize: options.rowGroupRows ?? ROW_GROUP_ROWS,
  });
  return Buffer.from(buffer);
}
