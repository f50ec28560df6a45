/** The delays of one exponential backoff: the first step and the cap, in ms. */
export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The one retry delay of the project (the consume runner's redeliveries and the fetcher's retries): exponential,
 * with equal jitter, uniform in [c/2, c] for c = min(maxDelayMs, initialDelayMs · 2^(attempt-1)). Half is fixed so
 * a retry never comes sooner than half a step (a host or a downstream that is struggling gets that much rest);
 * half is random so retries of many messages or hosts spread out. `attempt` is the attempt that just failed, from 1.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
