import { busContract, busWaitingContract, requireService } from '@abep/testkit';
import { beforeAll } from 'vitest';
import { createTestKafkaBus } from './test-kafka-bus.ts';

beforeAll(() => requireService('kafka'));

busContract('real Kafka (KafkaTransport)', createTestKafkaBus);
busWaitingContract('real Kafka (KafkaTransport)', createTestKafkaBus);
