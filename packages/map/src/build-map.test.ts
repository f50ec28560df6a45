import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mapFiles } from './build-map.ts';

describe('mapFiles', () => {
  it('bundles a page whose scripts and styles are among its files, with MapLibre and its licence', async () => {
    const files = await mapFiles();
    const paths = files.map((f) => f.path);
    expect(paths).toEqual([
      'map/LICENSE-maplibre-gl.txt',
      'map/index.html',
      'map/map.css',
      'map/map.js',
      'map/maplibre-gl-worker.mjs',
    ]);
    const html = files.find((f) => f.path === 'map/index.html')?.body.toString('utf8') ?? '';
    for (const ref of html.matchAll(/(?:src|href)="([^":]+\.(?:js|css))"/g))
      expect(paths).toContain(`map/${ref[1]}`);
    expect(files.find((f) => f.path === 'map/map.js')?.mediaType).toBe('text/javascript; charset=utf-8');
  });

  it('makes the same bytes on every build, so an unchanged register publishes nothing new', async () => {
    const { buildMapFilesFresh } = await import('./build-map.ts');
    const digest = (fs: { path: string; body: Buffer }[]) =>
      fs.map((f) => `${f.path} ${createHash('sha256').update(f.body).digest('hex')}`);
    expect(digest(await buildMapFilesFresh())).toEqual(digest(await mapFiles()));
  });
});
