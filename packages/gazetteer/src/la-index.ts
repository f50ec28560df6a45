import type { LocalAuthority } from './local-authority.ts';
import { nameKey, stripCouncilWords } from './name-key.ts';

/** Names that would otherwise resolve to an LA they do not mean ("London" is not the City of London). */
const NEVER_KEYS = new Set(['london']);
/** Short forms in everyday use: the first part of a joint or hyphenated name, and county abbreviations. */
const EXTRA_ALIASES: Record<string, string[]> = {
  '839': ['BCP', 'BCP Council', 'Bournemouth', 'Poole'],
  '882': ['Southend'],
  '840': ['Durham'],
  '420': ['Scilly'],
  '808': ['Stockton'],
  '807': ['Redcar'],
  '889': ['Blackburn'],
  '894': ['Telford'],
  '846': ['Brighton'],
  '861': ['Stoke'],
  '800': ['BANES', 'B&NES'],
  '301': ['LBBD'],
  '850': ['Hants'],
  '919': ['Herts'],
  '825': ['Bucks'],
  '888': ['Lancs'],
  '891': ['Notts'],
  '855': ['Leics'],
  '916': ['Glos'],
  '873': ['Cambs'],
  '885': ['Worcs'],
  '931': ['Oxon'],
  '865': ['Wilts'],
  '860': ['Staffs'],
  '925': ['Lincs'],
  '830': ['Derbys'],
  '937': ['Warks'],
};

/** Every name key an LA answers to; keys that two LAs share are dropped as ambiguous. */
export function buildNameIndex(las: readonly LocalAuthority[]): Map<string, LocalAuthority> {
  const owners = new Map<string, Set<LocalAuthority>>();
  const add = (key: string, la: LocalAuthority) => {
    if (!key || NEVER_KEYS.has(key)) return;
    const set = owners.get(key) ?? new Set<LocalAuthority>();
    set.add(la);
    owners.set(key, set);
  };
  for (const la of las) {
    const names = [la.laName, la.niceName, la.officialName, ...(EXTRA_ALIASES[la.laCode] ?? [])];
    const inverted = /^(.*), (City|County) of$/.exec(la.laName);
    if (inverted) names.push(`${inverted[2]} of ${inverted[1]}`, inverted[1] ?? '');
    for (const name of names) {
      const key = nameKey(name);
      add(key, la);
      add(stripCouncilWords(key), la);
    }
  }
  const index = new Map<string, LocalAuthority>();
  for (const [key, set] of owners) if (set.size === 1) index.set(key, [...set][0] as LocalAuthority);
  return index;
}

export function lookupName(
  index: ReadonlyMap<string, LocalAuthority>,
  text: string,
): LocalAuthority | undefined {
  const key = nameKey(text);
  return index.get(key) ?? index.get(stripCouncilWords(key));
}
