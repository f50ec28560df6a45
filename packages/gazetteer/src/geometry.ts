import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LaBoundaryFeature {
  type: 'Feature';
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties: {
    la_code: string;
    la_name: string;
    gss_code: string;
    region_code: string;
    [k: string]: unknown;
  };
}
export interface LaBoundaries {
  type: 'FeatureCollection';
  features: LaBoundaryFeature[];
}

/** Loads la-boundaries.geojson once per gazetteer, on first call (256 KB; only the publisher needs it). */
export function createGeometryLoader(dataDir: string): () => Promise<LaBoundaries> {
  let loading: Promise<LaBoundaries> | undefined;
  return () => {
    loading ??= readFile(join(dataDir, 'la-boundaries.geojson'), 'utf8').then(
      (text) => JSON.parse(text) as LaBoundaries,
    );
    return loading;
  };
}
