// The fixture web is its own package (the CLI's `run --fixture-web` ships it); re-exported for tests.
export * from '@abep/fixture-web';
export { type BusUnderTest, busContract } from './bus-contract.ts';
export { busWaitingContract } from './bus-waiting-contract.ts';
export { eventually, uniqueId } from './eventually.ts';
export { kafkaBrokers, requireService, s3TestConfig } from './real-services.ts';
export { storeContract } from './store-contract.ts';
