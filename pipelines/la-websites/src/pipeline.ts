import { type Pipeline, readPage, type ScopeRules } from '@abep/extraction';
import { laSeeds } from './seeds.ts';

/** Council sites: follow only education, schools, school-improvement, partnership and committee pages. */
export const laWebsitesScope: ScopeRules = {
  registrableDomains: 'same-as-seed',
  include: [
    '^https?://[^/]+/?(?:[?#].*)?$',
    '(?:^|/)(?:education|schools?|school-improvement|school-effectiveness|learning|children-(?:and-)?(?:young-people|families|services)|early-years|partnerships?|send|governors?)(?:[/?-]|$)',
    '(?:^|/)(?:committee|committees|council-meetings|democracy|moderngov|mgIssueHistoryHome|ieListDocuments|mgAi|documents)',
    'school-improvement|education-partnership|schools-partnership|standards-and-achievement',
  ],
  exclude: [
    '(?:^|/)(?:bins?|waste|recycling|parking|council-tax|planning|housing|licensing|jobs|vacancies|news/archive|search|login|account|cart)(?:[/?-]|$)',
    '\\.(?:jpg|jpeg|png|gif|svg|css|js|zip|mp4|mp3|ics)$',
  ],
  maxDepth: 3,
  maxPagesPerHost: 150,
};

export const laWebsitesPipeline: Pipeline<'local-authorities'> = {
  name: 'la-websites',
  sourceKind: 'council',
  extractorVersion: 'la-websites@4',
  scope: laWebsitesScope,
  input: 'local-authorities',
  outputs: ['partnership-links'],
  seeds: laSeeds,
  extract(page, places) {
    return readPage(page, places, { extractorVersion: 'la-websites@4' });
  },
};
