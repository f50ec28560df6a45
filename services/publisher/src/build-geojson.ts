import type { LaBoundaries } from '@abep/gazetteer';
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
 */
export function buildGeoJson(profiles: readonly LaProfileRow[], boundaries: LaBoundaries): Buffer {
  const byCode = new Map(boundaries.features.map((f) => [String(f.properties.la_code), f]));
  const features = profiles.map((profile) => {
    const boundary = byCode.get(profile.la_code);
    return {
      type: 'Feature',
      id: profile.la_code,
      geometry: boundary
        ? { type: boundary.geometry.type, coordinates: round(boundary.geometry.coordinates) }
        : null,
      properties: profile,
    };
  });
  const lines = features.map((f) => canonicalJson(f));
  return Buffer.from(`{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`, 'utf8');
}
