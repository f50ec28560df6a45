import { describe, expect, it } from 'vitest';
import { COUNT, parseCount } from './number-words.ts';

describe('parseCount', () => {
  it('reads counts written in words or digits', () => {
    expect(parseCount('Seventy')).toBe(70);
    expect(parseCount('forty-one')).toBe(41);
    expect(parseCount('one hundred and twelve')).toBe(112);
    expect(parseCount('a hundred')).toBe(100);
    expect(parseCount('1,200')).toBe(1200);
    expect(parseCount('67')).toBe(67);
  });

  it('rejects word sequences that are not one number', () => {
    expect(parseCount('ninety ten')).toBeUndefined();
    expect(parseCount('twelve hundred')).toBeUndefined();
    expect(parseCount('seven eight')).toBeUndefined();
  });

  it('matches whole number words only', () => {
    const re = new RegExp(String.raw`\b${COUNT}\b`, 'i');
    expect(re.exec('Eighty-five schools')?.[0]).toBe('Eighty-five');
    expect(re.test('often someone attended')).toBe(false);
  });
});
