/** Group-membership timings. Tests shrink them so rebalances settle in about a second. */
export interface ConsumerTuning {
  /** Broker drops a silent member after this; the broker allows 6000–1800000 by default. Default 30000. */
  sessionTimeoutMs: number;
  /** Default 3000; must be well under the session timeout. */
  heartbeatIntervalMs: number;
  /** How long the group waits for members to rejoin on a rebalance. Default 60000. */
  rebalanceTimeoutMs: number;
  /** Longest a fetch waits for data; also bounds how quickly a rebalance or close is noticed. Default 1000. */
  maxWaitTimeMs: number;
  /** Pause before a message whose handler rejected is handed over again. Default 500. */
  redeliveryDelayMs: number;
  /** Bound on readToEnd, so a broken broker cannot stall a rebuild for ever. Default 120000. */
  readTimeoutMs: number;
}

export const DEFAULT_CONSUMER_TUNING: ConsumerTuning = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3000,
  rebalanceTimeoutMs: 60_000,
  maxWaitTimeMs: 1000,
  redeliveryDelayMs: 500,
  readTimeoutMs: 120_000,
};
