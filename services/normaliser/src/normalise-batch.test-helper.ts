/** Shared by the normalise-batch tests: three observations of one body, and a batch run over them. */
import { loadGazetteer } from '@abep/gazetteer';
import { partnershipObs } from './fixtures.ts';
import { normaliseBatch } from './normalise-batch.ts';
import { createRegisterState } from './register-state.ts';

export const gaz = loadGazetteer();

export const ownSite = () =>
  partnershipObs({
    url: 'https://www.example-lp.org.uk/about',
    kind: 'own-site',
    name: 'Example Learning Partnership',
    website: 'https://www.example-lp.org.uk/',
    companyNumber: '1234567',
    areas: ['Manchester City Council'],
    type: 'schools-led',
    description: 'Schools working together across the city.',
    fetchedAt: '2025-01-10T10:00:00Z',
  });
export const councilPage = () =>
  partnershipObs({
    url: 'https://www.manchester.gov.uk/education/partnerships',
    kind: 'council',
    laCode: '352',
    name: 'Example Learning Partnership Ltd',
    type: 'joint-with-la',
    description: 'The council commissions the partnership.',
    fetchedAt: '2025-01-12T10:00:00Z',
  });
export const news = () =>
  partnershipObs({
    url: 'https://news.example.com/2024/schools',
    kind: 'third-party',
    name: 'Example Learning Partnership',
    areas: ['Manchester', 'Salford'],
    fetchedAt: '2025-01-14T10:00:00Z',
  });

export function run(observations = [ownSite(), councilPage(), news()], state = createRegisterState()) {
  const result = normaliseBatch(observations, [], gaz, state, { finishedCrawlId: 'crawl-1' });
  return { ...result, state };
}
