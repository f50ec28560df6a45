import { nameKey } from './name-key.ts';

/** School names vary in church and "the" wording: "St Mary's C of E Primary" = "St Marys CE Primary School". */
export function schoolNameKey(name: string): string {
  return nameKey(name)
    .replace(/\b(church of england|c of e|c e)\b/g, 'ce')
    .replace(/\b(roman catholic|r c)\b/g, 'rc')
    .replace(/^the /, '')
    .replace(/ school$/, '');
}
