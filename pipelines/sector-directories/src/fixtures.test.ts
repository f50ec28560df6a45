import { fileURLToPath } from 'node:url';
import { fixtureSuite } from '@abep/extraction/fixture-suite';
import { sectorDirectoriesPipeline } from './index.ts';

fixtureSuite(sectorDirectoriesPipeline, fileURLToPath(new URL('../fixtures', import.meta.url)));
