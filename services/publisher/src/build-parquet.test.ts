import { describe, expect, it } from 'vitest';
import { buildParquet } from './build-parquet.ts';
import { partnershipColumns, partnershipRow } from './build-rows.ts';
import { partnershipFields } from './table-fields.ts';
import { partnership } from './test-support/fixtures.ts';

describe('buildParquet', () => {
  const records = Array.from({ length: 300 }, (_, i) =>
    partnership(i + 1, i % 4 ? {} : { aliases: [], website: undefined, foundedYear: undefined }),
  );

  it('writes the same bytes with columns made on demand as with every column handed over up front', () => {
    const lazy = buildParquet(
      records.length,
      (name, start, end) => records.slice(start, end).map((p) => partnershipColumns[name](p)),
      partnershipFields,
    );
    const rows = records.map(partnershipRow);
    const eager = buildParquet(
      rows.length,
      (name, start, end) => rows.slice(start, end).map((r) => r[name]),
      partnershipFields,
      { eager: true },
    );
    expect(lazy.subarray(0, 4).toString()).toBe('PAR1');
    expect(lazy.equals(eager)).toBe(true);
  });

  it('reads every column from a record exactly as the CSV row does', () => {
    for (const p of records) {
      const row = partnershipRow(p);
      expect(Object.keys(partnershipColumns)).toEqual(Object.keys(row));
      for (const name of Object.keys(row) as (keyof typeof row)[]) {
        expect(partnershipColumns[name](p), name).toEqual(row[name]);
      }
    }
  });
});
