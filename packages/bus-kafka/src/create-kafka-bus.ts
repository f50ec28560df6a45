import { type Bus, type CreateBusOptions, createBus } from '@abep/bus';
import { KafkaTransport, type KafkaTransportOptions } from './kafka-transport.ts';

export type CreateKafkaBusOptions = KafkaTransportOptions & Pick<CreateBusOptions, 'retry' | 'keepOriginal'>;

/** The Bus over real Kafka: same validation and consume runner as the in-process bus. */
export function createKafkaBus(options: CreateKafkaBusOptions): Bus {
  const { retry, keepOriginal, ...transportOptions } = options;
  return createBus(new KafkaTransport(transportOptions), {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(retry ? { retry } : {}),
    ...(keepOriginal ? { keepOriginal } : {}),
  });
}
