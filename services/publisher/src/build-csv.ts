import { stringify } from 'csv-stringify/sync';
import { type FieldSpec, LIST_SEPARATOR } from './table-fields.ts';

function cell(value: unknown, field: FieldSpec<never>): string {
  if (value === null || value === undefined) return '';
  if (field.list) return (value as unknown[]).map(String).join(LIST_SEPARATOR);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * RFC 4180 CSV, UTF-8 without BOM, CRLF line ends, header row; fields with a comma, quote or any line break
 * are quoted. Lists are joined with `; `; missing values are empty.
 */
export function buildCsv<R extends object>(rows: readonly R[], fields: readonly FieldSpec<R>[]): Buffer {
  const options = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;
  const chunks = [Buffer.from(stringify([fields.map((f) => f.name)], options), 'utf8')];
  // Chunked: csv-stringify is faster and holds far less at once on a few thousand rows at a time.
  for (let i = 0; i < rows.length; i += CHUNK) {
    const records = rows
      .slice(i, i + CHUNK)
      .map((row) => fields.map((f) => cell((row as Record<string, unknown>)[f.name], f as FieldSpec<never>)));
    chunks.push(Buffer.from(stringify(records, options), 'utf8'));
  }
  return Buffer.concat(chunks);
}

const CHUNK = 5000;
