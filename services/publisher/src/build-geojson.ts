import type { LaBoundaries } from '@abep/gazetteer';
import { CHUNK_CHARS } from './build-csv.ts';
import type { LaProfileRow } from './build-rows.ts';
import { canonicalJson } from './canonical.ts';

/** 6 decimals of a degree is about 0.1 m: more precision than the boundaries carry, and RFC 7946's advice. */
function round(coordinates: unknown): unknown {
  if (typeof coordinates === 'number') return Math.round(coordinates * 1e6) / 1e6;
  if (Array.isArray(coordinates)) return coordinates.map(round);
  return coordinates;
}

/**
 * RFC 7946 FeatureCollection: one feature per LA profile (all 153), in LA code order, joined to its boundary
 * by DfE code; an LA with no boundary gets `geometry: null`. Properties are the LA's profile (lists as arrays).
 * Made as chunks of features, one per line.
 */
export function* geoJsonChunks(
  profiles: readonly LaProfileRow[],
  boundaries: LaBoundaries,
): Generator<Buffer> {
  const byCode = new Map(boundaries.features.map((f) => [String(f.properties.la_code), f]));
  const feature = (profile: LaProfileRow) => {
    const boundary = byCode.get(profile.la_code);
    return canonicalJson({
      type: 'Feature',
      id: profile.la_code,
      geometry: boundary
        ? { type: boundary.geometry.type, coordinates: round(boundary.geometry.coordinates) }
        : null,
      properties: profile,
    });
  };
  let text = '{"type":"FeatureCollection","features":[\n';
  for (let i = 0; i < profiles.length; i++) {
    text += `${feature(profiles[i] as LaProfileRow)}${i < profiles.length - 1 ? ',\n' : ''}`;
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text, 'utf8');
      text = '';
    }
  }
  yield Buffer.from(`${text}\n]}\n`, 'utf8');
}
