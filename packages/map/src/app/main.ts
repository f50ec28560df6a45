import 'maplibre-gl/dist/maplibre-gl.css';
import './style.css';
import type { LocalAuthorityProfileV1, PartnershipV1 } from '@abep/schemas';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import {
  AttributionControl,
  type GeoJSONSource,
  LngLatBounds,
  Map as MapLibre,
  setWorkerUrl,
} from 'maplibre-gl';
import { byId, h, options } from './dom.ts';
import {
  buildViews,
  type Changes,
  COVERAGES,
  type ColourMode,
  colourOf,
  type Filters,
  type LaView,
  legend,
  matches,
  NO_FILTERS,
  PARTNERSHIP_TYPES,
  ROLES,
} from './model.ts';
import { changesSummary, laDetails } from './panel.ts';

/** The version's files, beside the map folder: the map reads nothing else. */
const file = (name: string) => new URL(`../${name}`, document.baseURI).href;

async function getJson<T>(name: string, optional = false): Promise<T | undefined> {
  const res = await fetch(file(name));
  if (!res.ok) {
    if (optional) return undefined;
    throw new Error(`${name}: HTTP ${res.status}`);
  }
  return (await res.json()) as T;
}

interface DataPackage {
  licenses?: { title?: string; name?: string }[];
  sources?: { title?: string }[];
}

function positions(geometry: Geometry): Position[] {
  if (geometry.type === 'Polygon') return geometry.coordinates.flat();
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat(2);
  return [];
}

function boundsOf(features: readonly Feature[]): LngLatBounds | undefined {
  const all = features.flatMap((f) => (f.geometry ? positions(f.geometry) : []));
  if (!all.length) return undefined;
  const b = new LngLatBounds(all[0] as [number, number], all[0] as [number, number]);
  for (const p of all) b.extend(p as [number, number]);
  return b;
}

async function start(): Promise<void> {
  const status = byId('status');
  status.textContent = 'Loading the register…';
  const [geojson, partnerships, profiles, changes, manifest, datapackage] = await Promise.all([
    getJson<FeatureCollection>('local-authorities.geojson'),
    getJson<PartnershipV1[]>('partnerships.json'),
    getJson<LocalAuthorityProfileV1[]>('local-authorities.json'),
    getJson<Changes>('changes.json', true),
    getJson<{ version: string; publishedAt: string }>('manifest.json', true),
    getJson<DataPackage>('datapackage.json', true),
  ]);
  if (!geojson || !partnerships || !profiles) throw new Error('register files missing');

  const views = buildViews(profiles, partnerships, changes);
  const byCode = new Map(views.map((v) => [v.code, v]));
  const profileByCode = new Map(profiles.map((p) => [p.laCode, p]));
  const features = geojson.features;
  const filters: Filters = { ...NO_FILTERS };
  let mode: ColourMode = 'count';
  let selected: string | undefined;

  byId('version').textContent = manifest
    ? `Version ${manifest.version}, published ${manifest.publishedAt.slice(0, 10)}`
    : '';

  setWorkerUrl(new URL('maplibre-gl-worker.mjs', document.baseURI).href);
  const attribution = [
    ...(datapackage?.licenses ?? []).map((l) => `Register: ${l.title ?? l.name ?? ''}`),
    ...(datapackage?.sources ?? []).slice(1).map((s) => s.title ?? ''),
  ].filter(Boolean);
  const map = new MapLibre({
    container: 'map',
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f3f6f9' } }],
    },
    bounds: boundsOf(features) ?? [-6.4, 49.8, 1.8, 55.9],
    fitBoundsOptions: { padding: 20 },
    attributionControl: false,
  });
  map.addControl(new AttributionControl({ compact: false, customAttribution: attribution }));
  (window as unknown as { abepMap: MapLibre }).abepMap = map;

  const region = byId<HTMLSelectElement>('f-region');
  const regions = [...new Map(views.map((v) => [v.regionCode, v.regionName]))].sort((a, b) =>
    a[1] < b[1] ? -1 : 1,
  );
  options(region, [['any', 'any region'], ...regions]);
  options(byId<HTMLSelectElement>('f-role'), [
    ['any', 'any role'],
    ...ROLES.map((r) => [r, r] as const),
    ['none', 'no role found'],
  ]);
  options(byId<HTMLSelectElement>('f-type'), [
    ['any', 'any partnership type'],
    ...PARTNERSHIP_TYPES.map((t) => [t, t] as const),
  ]);
  options(byId<HTMLSelectElement>('f-coverage'), [
    ['any', 'any coverage'],
    ...COVERAGES.map((c) => [c, c] as const),
  ]);

  function featureData(): FeatureCollection {
    return {
      type: 'FeatureCollection',
      features: features.map((f) => {
        const code = String(f.properties?.la_code ?? '');
        const view = byCode.get(code);
        return {
          ...f,
          properties: {
            ...f.properties,
            fill: view ? colourOf(view, mode) : '#e8e8e8',
            shown: view ? matches(view, filters) : false,
          },
        };
      }),
    };
  }

  function visible(): LaView[] {
    return views.filter((v) => matches(v, filters));
  }

  function renderLegend(): void {
    byId('legend').replaceChildren(
      h('h3', {}, mode === 'count' ? 'Partnerships found' : 'LA role in school improvement'),
      ...legend(mode).map((e) =>
        h('div', { class: 'key' }, h('span', { class: 'swatch', style: `background:${e.colour}` }), e.label),
      ),
      h('div', { class: 'key' }, h('span', { class: 'swatch hidden' }), 'filtered out'),
    );
  }

  function select(code: string | undefined): void {
    selected = code;
    const view = code ? byCode.get(code) : undefined;
    map.setFilter('la-selected', ['==', ['get', 'la_code'], code ?? '']);
    const panel = byId('details');
    if (view) panel.replaceChildren(laDetails(view, profileByCode.get(view.code)));
    else if (filters.changedOnly) panel.replaceChildren(changesSummary(changes));
    else panel.replaceChildren(h('p', {}, 'Click a local authority to see its role and partnerships.'));
    if (code) history.replaceState(null, '', `#la=${encodeURIComponent(code)}`);
  }

  function refresh(): void {
    (map.getSource('las') as GeoJSONSource).setData(featureData());
    const n = visible().length;
    status.textContent = `${n} of ${views.length} local authorities shown · ${partnerships?.length ?? 0} partnerships in this version`;
    renderLegend();
    if (!selected) select(undefined);
  }

  function bindSelect(id: string, key: 'role' | 'type' | 'region' | 'coverage'): void {
    byId<HTMLSelectElement>(id).addEventListener('change', (e) => {
      (filters as Record<typeof key, string>)[key] = (e.target as HTMLSelectElement).value;
      refresh();
    });
  }

  await new Promise<void>((resolve) => map.once('load', () => resolve()));
  map.addSource('las', { type: 'geojson', data: featureData(), promoteId: 'la_code', tolerance: 0.2 });
  map.addLayer({
    id: 'la-fill',
    type: 'fill',
    source: 'las',
    filter: ['==', ['get', 'shown'], true],
    paint: { 'fill-color': ['get', 'fill'], 'fill-opacity': 0.9 },
  });
  map.addLayer({
    id: 'la-line',
    type: 'line',
    source: 'las',
    paint: { 'line-color': '#8a97a3', 'line-width': 0.6 },
  });
  map.addLayer({
    id: 'la-selected',
    type: 'line',
    source: 'las',
    filter: ['==', ['get', 'la_code'], ''],
    paint: { 'line-color': '#d7301f', 'line-width': 2.5 },
  });

  map.on('click', 'la-fill', (e) => select(String(e.features?.[0]?.properties?.la_code ?? '')));
  map.on('mouseenter', 'la-fill', () => {
    map.getCanvas().style.cursor = 'pointer';
  });
  map.on('mouseleave', 'la-fill', () => {
    map.getCanvas().style.cursor = '';
  });

  bindSelect('f-role', 'role');
  bindSelect('f-type', 'type');
  bindSelect('f-region', 'region');
  bindSelect('f-coverage', 'coverage');
  byId<HTMLInputElement>('f-changed').addEventListener('change', (e) => {
    filters.changedOnly = (e.target as HTMLInputElement).checked;
    selected = undefined;
    refresh();
  });
  byId<HTMLSelectElement>('colour').addEventListener('change', (e) => {
    mode = (e.target as HTMLSelectElement).value as ColourMode;
    refresh();
  });
  const search = byId<HTMLInputElement>('search');
  search.addEventListener('input', () => {
    filters.search = search.value;
    refresh();
  });
  search.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    const first = visible()[0];
    if (!first) return;
    select(first.code);
    const b = boundsOf(features.filter((f) => f.properties?.la_code === first.code));
    if (b) map.fitBounds(b, { padding: 60, maxZoom: 9 });
  });

  byId('changes-count').textContent = changes
    ? `(${changes.summary.added} added, ${changes.summary.removed} removed, ${changes.summary.changed} changed)`
    : '';
  refresh();
  const fromHash = /^#la=(.+)$/.exec(location.hash)?.[1];
  if (fromHash) select(decodeURIComponent(fromHash));
  map.once('idle', () => {
    document.body.dataset.state = 'ready';
  });
}

start().catch((err: unknown) => {
  const status = document.getElementById('status');
  if (status)
    status.textContent = `The map could not load: ${err instanceof Error ? err.message : String(err)}`;
  document.body.dataset.state = 'error';
  console.error(err);
});
