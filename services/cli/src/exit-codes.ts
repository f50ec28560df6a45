import { isAbepError } from '@abep/schemas';

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /**
   * The job ran but did not finish its work: a crawl stopped at its deadline, could not read some seeds
   * (partial), or read nothing at all (failed: `latest` is not moved).
   */
  partial: 1,
  /** Bad configuration or arguments: nothing was done. */
  config: 2,
  /** Kafka or the object store could not be reached. */
  unavailable: 3,
  /** Anything else. */
  failed: 4,
} as const;

export function exitCodeFor(err: unknown): number {
  if (!isAbepError(err)) return EXIT.failed;
  switch (err.code) {
    case 'CONFIG_INVALID':
      return EXIT.config;
    case 'BUS_UNAVAILABLE':
    case 'STORE_UNAVAILABLE':
      return EXIT.unavailable;
    default:
      return EXIT.failed;
  }
}
