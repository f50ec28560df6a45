import { AbepError } from '@abep/schemas';
import { S3Store, type S3StoreOptions } from './s3-store.ts';

/** The S3Config shape of @abep/config (structurally; this package does not depend on it). */
export interface S3StoreConfig {
  endpoint?: string | undefined;
  region: string;
  bucket?: string | undefined;
  prefix?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle?: boolean | undefined;
}

/** Tuning that is not part of the environment configuration. */
export type S3StoreTuning = Omit<S3StoreOptions, keyof S3StoreConfig | 'credentials'>;

export function createS3Store(config: S3StoreConfig, tuning: S3StoreTuning = {}): S3Store {
  if (!config.bucket) throw new AbepError('CONFIG_INVALID', 'S3 store needs a bucket (ABEP_S3_BUCKET)');
  if (Boolean(config.accessKeyId) !== Boolean(config.secretAccessKey)) {
    throw new AbepError(
      'CONFIG_INVALID',
      'S3 credentials need both ABEP_S3_ACCESS_KEY_ID and ABEP_S3_SECRET_ACCESS_KEY, or neither (AWS default chain)',
    );
  }
  return new S3Store({
    ...tuning,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    region: config.region,
    bucket: config.bucket,
    prefix: config.prefix ?? '',
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
    forcePathStyle: config.forcePathStyle ?? false,
  });
}
