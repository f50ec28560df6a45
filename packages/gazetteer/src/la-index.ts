import type { LocalAuthority } from './local-authority.ts';
import { nameKey, stripCouncilWords } from './name-key.ts';

/** Names that would otherwise resolve to an LA they do not mean ("London" is not the City of London). */
const NEVER_KEYS = new Set(['london']);
const EXTRA_ALIASES: Record<string, string[]> = {
  '839': ['BCP', 'BCP Council'],
  '882': ['Southend'],
  '840': ['Durham'],
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
