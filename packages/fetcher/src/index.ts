export type { FetchRequest, FetchResponse, Fetcher, FetcherConfig, HostState, RobotsInfo } from './fetcher.ts';
