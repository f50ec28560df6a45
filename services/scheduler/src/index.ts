export { CrawlProgress } from './crawl-progress.ts';
export { type CrawlTracker, type CrawlTrackerOptions, createCrawlTracker } from './crawl-tracker.ts';
export {
  createScheduler,
  runningPipelines,
  type Scheduler,
  type SchedulerOptions,
  type StartCrawl,
} from './scheduler.ts';
export { mayStart, nextRuns, parseSchedules, Schedule, Schedules } from './schedules.ts';
