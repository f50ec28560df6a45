export { type BusUnderTest, busContract } from './bus-contract.ts';
export { eventually, uniqueId } from './eventually.ts';
export * from './fixture-web/index.ts';
export { kafkaBrokers, requireService, s3TestConfig } from './real-services.ts';
export { storeContract } from './store-contract.ts';
