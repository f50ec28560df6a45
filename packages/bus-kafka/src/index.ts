export { chunkBySize } from './chunk-by-size.ts';
export { type ConsumerTuning, DEFAULT_CONSUMER_TUNING } from './consumer-tuning.ts';
export { type CreateKafkaBusOptions, createKafkaBus } from './create-kafka-bus.ts';
export { type EnsureTopicsOptions, type EnsureTopicsResult, ensureTopics } from './ensure-topics.ts';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
export { kafkaGroupId } from './kafka-consumer.ts';
export { busUnavailable } from './kafka-errors.ts';
export { kafkaLogCreator } from './kafka-log.ts';
export { KafkaTransport, type KafkaTransportOptions } from './kafka-transport.ts';
