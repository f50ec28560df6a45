import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { correctionIds, loadCorrections, parseCorrections } from './corrections.ts';

const curated = { by: 'a.reviewer', reason: 'checked', date: '2025-01-31' };
const pin = (field: string, value: unknown) => ({
  action: 'pin',
  id: 'abep-0123456789ab',
  field,
  value,
  ...curated,
});
const file = (...corrections: unknown[]) => stringify({ corrections });

function problemsOf(text: string): string[] {
  try {
    parseCorrections(text, 'corrections.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(AbepError);
    expect((err as AbepError).code).toBe('CONFIG_INVALID');
    return (err as AbepError).details?.problems as string[];
  }
  return [];
}

// A correction whose value the record schema would refuse is refused at load (exit 2), not at every fold.
describe('corrections are validated against the record schema at load', () => {
  it.each([
    ['foundedYear', 1900],
    ['foundedYear', 2100],
    ['memberCount', 0],
    ['website', 'https://www.example-partnership.org.uk/'],
    ['contactUrl', 'http://example.org/contact'],
    ['phases', ['primary', 'secondary']],
    ['status', 'inactive'],
    ['localAuthorities', ['Camden', '202']],
    ['localAuthorities', 'Camden'],
    ['name', 'Example Education Partnership'],
  ])('pin %s %j loads', (field, value) => {
    expect(problemsOf(file(pin(field, value)))).toEqual([]);
  });

  it.each([
    ['foundedYear', 'not-a-year'],
    ['foundedYear', 1899],
    ['foundedYear', 2101],
    ['foundedYear', 2000.5],
    ['memberCount', -1],
    ['website', 'javascript:alert(1)'],
    ['website', 'ftp://example.org/'],
    ['website', 'http://169.254.169.254/'],
    ['contactUrl', 'http://localhost/contact'],
    ['contactUrl', 'not a url'],
    ['phases', ['primary', 'kindergarten']],
    ['phases', 'primary'],
    ['status', 'closed'],
    ['localAuthorities', []],
    ['name', ''],
    ['name', '\u0001\u0002'],
    ['name', 42],
    ['website', 'http://localhost./'],
    ['website', 'http://metadata.internal./'],
    ['type', 'club'],
    ['foundedYear', null],
  ])('pin %s %j: refused naming the file, entry and field', (field, value) => {
    const problems = problemsOf(file(pin(field, value)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^corrections\[0\] \(pin abep-0123456789ab\) field value/);
  });

  it('lists every problem of the file, each with its entry and field', () => {
    const text = file(
      pin('foundedYear', 1990),
      pin('foundedYear', 'not-a-year'),
      { action: 'merge', ids: ['abep-0123456789ab'], ...curated },
      { action: 'split', id: 'abep-0123456789ab', sourceUrlPattern: '([', ...curated },
      { ...pin('website', 'https://a.example/'), date: '2025-13-01' },
      { ...pin('name', 'X'), id: 'not-an-id' },
      { action: 'suppress', ...curated },
      { action: 'rename', id: 'abep-0123456789ab', ...curated },
    );
    let error: AbepError | undefined;
    try {
      parseCorrections(text, 'corrections.yaml');
    } catch (err) {
      error = err as AbepError;
    }
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toMatch(/^corrections\.yaml: /);
    const problems = error?.details?.problems as string[];
    expect(problems.map((p) => p.replace(/:.*/s, ''))).toEqual([
      'corrections[2] (merge abep-0123456789ab) field ids',
      'corrections[4] (pin abep-0123456789ab) field date',
      'corrections[5] (pin not-an-id) field id',
      'corrections[6] (suppress) field (entry)',
      'corrections[7] (rename abep-0123456789ab) field action',
    ]);
  });

  it('refuses pinned local authorities the reference data does not know, naming them', () => {
    const known = (la: string) => ['Camden', '202'].includes(la);
    const text = file(pin('localAuthorities', ['Camden', 'Nowhere-shire', '202', '999']));
    expect(() => parseCorrections(text, 'corrections.yaml', known)).toThrow(
      /corrections\[0\] \(pin abep-0123456789ab\) field value \(localAuthorities\): not a local authority name or code: Nowhere-shire, 999/,
    );
    expect(parseCorrections(file(pin('localAuthorities', 'Camden')), 'c.yaml', known)).toHaveLength(1);
  });

  it('checks pinned values and patterns once the entries are well-formed', () => {
    const problems = problemsOf(
      file(pin('foundedYear', 'not-a-year'), {
        action: 'split',
        id: 'abep-0123456789ab',
        sourceUrlPattern: '([',
        ...curated,
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^corrections\[0\] \(pin abep-0123456789ab\) field value \(foundedYear\): /),
      'corrections[1] (split abep-0123456789ab) field sourceUrlPattern: not a regular expression',
    ]);
  });

  it('a missing file is a configuration error naming the variable', () => {
    expect(() => loadCorrections('/nonexistent/corrections.yaml')).toThrow(
      /^ABEP_NORMALISER_CORRECTIONS=\/nonexistent\/corrections\.yaml: no such file/,
    );
  });

  it('names every id corrections refer to, for reporting the unknown ones', () => {
    const corrections = parseCorrections(
      file(
        pin('name', 'X'),
        { action: 'merge', ids: ['abep-aaaaaaaaaaaa', 'abep-bbbbbbbbbbbb'], ...curated },
        { action: 'suppress', name: 'Y Sports Partnership', la: 'Camden', ...curated },
      ),
    );
    expect(correctionIds(corrections)).toEqual([
      'abep-0123456789ab',
      'abep-aaaaaaaaaaaa',
      'abep-bbbbbbbbbbbb',
    ]);
  });
});
