import { fileURLToPath } from 'node:url';
import { fixtureSuite } from '@abep/extraction/fixture-suite';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { sectorDirectoriesPipeline } from './index.ts';

const gazetteer = loadGazetteer();
fixtureSuite(
  sectorDirectoriesPipeline,
  fileURLToPath(new URL('../fixtures', import.meta.url)),
  placesOf(gazetteer),
);
