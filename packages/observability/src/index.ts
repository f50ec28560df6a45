export { type KafkaLagAdmin, type KafkaLagSourceOptions, kafkaLagSource, partitionLag } from './kafka-lag.ts';
export { createLabelCap, OVERFLOW_LABEL } from './label-cap.ts';
export { type LagSampler, type LagSamplerOptions, type LagSource, startLagSampler } from './lag-sampler.ts';
export {
  createMetrics,
  type FetchOutcome,
  type LagSample,
  type MessageOutcome,
  type Metrics,
  type MetricsOptions,
} from './metrics.ts';
export {
  type OpsServer,
  type OpsServerOptions,
  type ReadinessCheck,
  type ReadinessReport,
  runReadiness,
  startOpsServer,
} from './ops-server.ts';
