import { join } from 'node:path';
import type { LaRef } from '@abep/schemas';
import { readCsv } from './csv.ts';
import { defaultDataDir } from './data-dir.ts';
import { createGeometryLoader, type LaBoundaries } from './geometry.ts';
import { type EstablishmentLinks, loadEstablishmentLinks } from './gias-links.ts';
import { directSuccessors, historyFromRow, type LaHistoryRow } from './la-history.ts';
import { buildNameIndex, lookupName } from './la-index.ts';
import { createMentionFinder, type LaMention } from './la-mentions.ts';
import { type LocalAuthority, laRef, localAuthorityFromRow, type Region } from './local-authority.ts';
import { createSiteHostIndex } from './site-hosts.ts';
import { createHubMatcher, hubFromRow, type TeachingSchoolHub } from './teaching-school-hubs.ts';

export interface PlaceMention {
  laCodes: string[];
  name: string;
  text: string;
  index: number;
}

export interface Gazetteer {
  /** The 153 LAs, sorted by DfE code. */
  readonly localAuthorities: readonly LocalAuthority[];
  readonly regions: readonly Region[];
  readonly teachingSchoolHubs: readonly TeachingSchoolHub[];
  byLaCode(laCode: string): LocalAuthority | undefined;
  /** A current LA from a name in any usual form, a DfE 3-digit code or a current or former GSS code. */
  resolveLa(text: string): LaRef | undefined;
  /** Current LAs that took over from a former LA (name, DfE code or GSS code); [] if it is current or unknown. */
  successorsOf(nameOrCode: string): LaRef[];
  /** Every LA named in prose, in order of appearance, whole words only, longest name first. */
  findLaMentions(text: string): LaMention[];
  /**
   * Every LA named in prose, current or former (structurally `Places` of @abep/extraction): a former LA such
   * as a county since split names its current successors.
   */
  findPlaces(text: string): PlaceMention[];
  /** The LA whose own website the host is on (its domain or a subdomain of it). */
  laOfHost(host: string): LocalAuthority | undefined;
  isTeachingSchoolHub(name: string): boolean;
  /** LA boundaries (GeoJSON), read on first call. */
  geometry(): Promise<LaBoundaries>;
  /** GIAS predecessor/successor links (33,801 rows), read on first call. */
  establishmentLinks(): Promise<EstablishmentLinks>;
}

/** Reads the reference data (a few hundred KB) synchronously; call once at start and pass it on. */
export function loadGazetteer(dataDir: string = defaultDataDir()): Gazetteer {
  const las = readCsv(join(dataDir, 'local-authorities.csv')).map(localAuthorityFromRow);
  las.sort((a, b) => a.laCode.localeCompare(b.laCode));
  const history = readCsv(join(dataDir, 'la-codes-history.csv')).map(historyFromRow);
  const hubs = readCsv(join(dataDir, 'teaching-school-hubs.csv')).map(hubFromRow);

  const byCode = new Map(las.map((la) => [la.laCode, la]));
  const byGss = new Map<string, LocalAuthority>();
  for (const la of las) for (const gss of [la.gssCode, ...la.formerGssCodes]) byGss.set(gss, la);
  for (const row of history) {
    const la = byCode.get(row.laCode);
    if (la && !byGss.has(row.gssCode) && /^E\d{8}$/.test(row.gssCode)) byGss.set(row.gssCode, la);
  }
  const nameIndex = buildNameIndex(las);
  const mentionFinder = createMentionFinder(nameIndex);
  const regions = [...new Map(las.map((la) => [la.region.code, la.region])).values()].sort((a, b) =>
    a.code.localeCompare(b.code),
  );

  function resolveLocal(text: string): LocalAuthority | undefined {
    const trimmed = text.trim();
    if (/^\d{3}$/.test(trimmed)) return byCode.get(trimmed);
    if (/^E\d{8}$/i.test(trimmed)) return byGss.get(trimmed.toUpperCase());
    return lookupName(nameIndex, trimmed);
  }

  function historyRowsFor(text: string): LaHistoryRow[] {
    const trimmed = text.trim();
    const upper = trimmed.toUpperCase();
    const terminated = history.filter((r) => r.status === 'terminated');
    if (/^\d{3}$/.test(trimmed)) return terminated.filter((r) => r.laCode === trimmed);
    if (/^E\d{8}$/.test(upper)) return terminated.filter((r) => r.gssCode === upper);
    const key = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z]+/g, ' ')
        .trim();
    const wanted = key(trimmed.replace(/\b(county|city|borough|district)? ?council\b/i, ''));
    return terminated.filter((r) => key(r.laName) === wanted);
  }

  function currentOf(row: LaHistoryRow, seen: Set<LaHistoryRow>): LocalAuthority[] {
    if (seen.has(row)) return [];
    seen.add(row);
    if (row.status === 'live') {
      const la = byGss.get(row.gssCode);
      return la ? [la] : [];
    }
    return directSuccessors(history, row).flatMap((next) => currentOf(next, seen));
  }

  const formerNames = [
    ...new Set(
      history
        .filter((r) => r.status === 'terminated' && !lookupName(nameIndex, r.laName))
        .map((r) => r.laName),
    ),
  ];
  const formerRe = formerNames.length
    ? new RegExp(
        String.raw`\b(?:${formerNames.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:\s+(?:County|City|Borough)\s+Council)?\b`,
        'g',
      )
    : undefined;
  function successorRefs(name: string): LaRef[] {
    const found = new Map<string, LocalAuthority>();
    for (const row of historyRowsFor(name))
      for (const la of currentOf(row, new Set())) found.set(la.laCode, la);
    return [...found.values()].sort((a, b) => a.laCode.localeCompare(b.laCode)).map(laRef);
  }
  function findPlaces(text: string): PlaceMention[] {
    const current = mentionFinder.find(text).map((m) => ({
      laCodes: [m.la.laCode],
      name: m.la.laName,
      text: m.text,
      index: m.index,
    }));
    const former: PlaceMention[] = [];
    if (formerRe) {
      for (const m of text.matchAll(formerRe)) {
        const end = m.index + m[0].length;
        if (current.some((c) => c.index < end && m.index < c.index + c.text.length)) continue;
        const refs = successorRefs(m[0]);
        if (refs.length)
          former.push({
            laCodes: refs.map((r) => r.laCode),
            name: refs[0]?.name ?? m[0],
            text: m[0],
            index: m.index,
          });
      }
    }
    return [...current, ...former].sort((a, b) => a.index - b.index);
  }

  let links: Promise<EstablishmentLinks> | undefined;
  const isHub = createHubMatcher(hubs);
  return {
    localAuthorities: las,
    regions,
    teachingSchoolHubs: hubs,
    byLaCode: (laCode) => byCode.get(laCode),
    resolveLa(text) {
      const la = resolveLocal(text);
      return la ? laRef(la) : undefined;
    },
    successorsOf: successorRefs,
    findLaMentions: (text) => mentionFinder.find(text),
    findPlaces,
    laOfHost: createSiteHostIndex(las),
    isTeachingSchoolHub: isHub,
    geometry: createGeometryLoader(dataDir),
    establishmentLinks() {
      links ??= loadEstablishmentLinks(join(dataDir, 'gias-establishment-links.csv'));
      return links;
    },
  };
}

/** The gazetteer as extraction's `Places` port: LA mentions (current and former) and names by code. */
export function placesOf(gazetteer: Gazetteer): {
  find(text: string): PlaceMention[];
  nameOf(laCode: string): string | undefined;
  laOfHost(host: string): string | undefined;
} {
  return {
    find: (text) => gazetteer.findPlaces(text),
    nameOf: (laCode) => gazetteer.byLaCode(laCode)?.laName,
    laOfHost: (host) => gazetteer.laOfHost(host)?.laCode,
  };
}
