export { createS3Store, type S3StoreConfig, type S3StoreTuning } from './create-s3-store.ts';
export { toStoreError } from './s3-errors.ts';
export { MIN_PART_SIZE, S3Store, type S3StoreOptions, type StoreLogger } from './s3-store.ts';
