export { main } from './main.ts';
export { buildPlan, type CrawlPlan, parseUrlList } from './plan.ts';
export { createRuntime, type Runtime } from './runtime.ts';
export { readSettings, type Settings } from './settings.ts';
