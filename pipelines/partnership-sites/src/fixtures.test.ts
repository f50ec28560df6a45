import { fileURLToPath } from 'node:url';
import { fixtureSuite } from '@abep/extraction/fixture-suite';
import { partnershipSitesPipeline } from './index.ts';

fixtureSuite(partnershipSitesPipeline, fileURLToPath(new URL('../fixtures', import.meta.url)));
