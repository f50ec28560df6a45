import { fileURLToPath } from 'node:url';
import { fixtureSuite } from '@abep/extraction/fixture-suite';
import { laWebsitesPipeline } from './index.ts';

fixtureSuite(laWebsitesPipeline, fileURLToPath(new URL('../fixtures', import.meta.url)));
