export { CrawlProgress } from './crawl-progress.ts';
export { type CrawlTracker, type CrawlTrackerOptions, createCrawlTracker } from './crawl-tracker.ts';
export {
  buildPlan,
  type CrawlPlan,
  type PlanContext,
  type PlannedSeed,
  type PlanOptions,
  parseUrlList,
} from './plan.ts';
export {
  createScheduler,
  runningPipelines,
  type Scheduler,
  type SchedulerOptions,
  type StartCrawl,
} from './scheduler.ts';
export { mayStart, nextRuns, parseSchedules, Schedule, Schedules } from './schedules.ts';
export { crawlStarter, newCrawlId, startCrawl } from './start-crawl.ts';
