export { MAP_DIR, type MapFile, mapFiles, mapMediaType } from './build-map.ts';
