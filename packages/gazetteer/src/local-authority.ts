import type { LaRef } from '@abep/schemas';
import type { CsvRow } from './csv.ts';
import { splitList } from './csv.ts';

export interface Region {
  code: string;
  name: string;
}

/** One of the 153 English LAs with education responsibility (data/local-authorities.csv). */
export interface LocalAuthority {
  laCode: string;
  gssCode: string;
  formerGssCodes: string[];
  /** DfE name, e.g. "Bristol, City of"; the canonical name in records. */
  laName: string;
  niceName: string;
  officialName: string;
  laType: string;
  region: Region;
  website: string | undefined;
  centroid: { lat: number; long: number } | undefined;
}

export function localAuthorityFromRow(row: CsvRow): LocalAuthority {
  const lat = Number(row.centroid_lat);
  const long = Number(row.centroid_long);
  return {
    laCode: row.la_code ?? '',
    gssCode: row.gss_code ?? '',
    formerGssCodes: splitList(row.former_gss_codes),
    laName: row.la_name ?? '',
    niceName: row.nice_name ?? '',
    officialName: row.official_name ?? '',
    laType: row.la_type ?? '',
    region: { code: row.region_code ?? '', name: row.region_name ?? '' },
    website: row.website || undefined,
    centroid: row.centroid_lat && Number.isFinite(lat) && Number.isFinite(long) ? { lat, long } : undefined,
  };
}

export function laRef(la: LocalAuthority): LaRef {
  return { laCode: la.laCode, gssCode: la.gssCode, name: la.laName };
}
