import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** One file of the map, a path relative to the snapshot folder (`map/…`). */
export interface MapFile {
  path: string;
  mediaType: string;
  body: Buffer;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The folder, inside each version, that holds the map; it reads the version's files as `../<file>`. */
export const MAP_DIR = 'map';

const MEDIA: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export function mapMediaType(path: string): string {
  return MEDIA[path.slice(path.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

const file = (name: string, body: Buffer): MapFile => ({
  path: `${MAP_DIR}/${name}`,
  mediaType: mapMediaType(name),
  body,
});

/**
 * Bundles the map (esbuild, in memory). The same sources and lockfile give the same bytes, so a register that
 * has not changed still publishes nothing new.
 */
/** Builds afresh (tests: the build is deterministic). */
export async function buildMapFilesFresh(): Promise<MapFile[]> {
  const result = await build({
    entryPoints: { map: join(here, 'app/main.ts') },
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'eof',
    outdir: '/map',
    logLevel: 'silent',
    charset: 'utf8',
  });
  const bundled = result.outputFiles.map((o) => file(o.path.slice('/map/'.length), Buffer.from(o.contents)));
  const maplibreDir = dirname(require.resolve('maplibre-gl/package.json'));
  const [html, worker, licence] = await Promise.all([
    readFile(join(here, 'index.html')),
    readFile(join(maplibreDir, 'dist/maplibre-gl-worker.mjs')),
    readFile(join(maplibreDir, 'LICENSE.txt')),
  ]);
  return [
    file('index.html', html),
    ...bundled,
    file('maplibre-gl-worker.mjs', worker),
    file('LICENSE-maplibre-gl.txt', licence),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}

let built: Promise<MapFile[]> | undefined;

/** The map's files, built once per process. */
export function mapFiles(): Promise<MapFile[]> {
  built ??= buildMapFilesFresh().catch((err) => {
    built = undefined;
    throw err;
  });
  return built;
}
