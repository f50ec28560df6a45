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

/** Typed columns (strings, INT32, BOOLEAN, UTC timestamps, lists), snappy, with no writer timestamp: same rows, same bytes. */
export function buildParquet<R extends object>(rows: readonly R[], fields: readonly FieldSpec<R>[]): Buffer {
  const specs = fields as unknown as FieldSpec<never>[];
  const columnData = specs.map((field) => ({
    name: field.name,
    data: rows.map((row) => columnValue((row as Record<string, unknown>)[field.name], field)),
  }));
  const schema: SchemaElement[] = [{ name: 'root', num_children: specs.length }, ...specs.flatMap(schemaFor)];
  const buffer = parquetWriteBuffer({
    columnData: columnData as Parameters<typeof parquetWriteBuffer>[0]['columnData'],
    schema,
    createdBy: 'abep-register publisher',
    rowGroupSize: 100_000,
  });
  return Buffer.from(buffer);
}
