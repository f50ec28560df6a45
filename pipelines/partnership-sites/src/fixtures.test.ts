import { fileURLToPath } from 'node:url';
import { fixtureSuite } from '@abep/extraction/fixture-suite';
import { loadGazetteer, placesOf } from '@abep/gazetteer';
import { partnershipSitesPipeline } from './index.ts';

const gazetteer = loadGazetteer();
fixtureSuite(
  partnershipSitesPipeline,
  fileURLToPath(new URL('../fixtures', import.meta.url)),
  placesOf(gazetteer),
);
