import { AbepError } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { KafkaConfig, kafkaEnv, S3Config, s3Env } from './infra-config.ts';
import { readEnv } from './read-env.ts';

describe('readEnv', () => {
  it('takes defaults for unset variables, so the embedded run needs none', () => {
    expect(readEnv(KafkaConfig, kafkaEnv, {})).toEqual({
      clientId: 'abep-register',
      topicPrefix: '',
      replicationFactor: 1,
    });
  });

  it('parses lists and booleans', () => {
    const kafka = readEnv(KafkaConfig, kafkaEnv, { ABEP_KAFKA_BROKERS: 'a:1, b:2' });
    expect(kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(readEnv(S3Config, s3Env, { ABEP_S3_FORCE_PATH_STYLE: 'false' }).forcePathStyle).toBe(false);
  });

  it('names the variable and never echoes a secret in the error', () => {
    let error: unknown;
    try {
      readEnv(S3Config, s3Env, { ABEP_S3_ENDPOINT: 'not a url', ABEP_S3_BUCKET: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AbepError);
    expect((error as AbepError).code).toBe('CONFIG_INVALID');
    expect((error as AbepError).message).toMatch(/^ABEP_S3_ENDPOINT: .*"not a url"/m);
    expect((error as AbepError).message).toMatch(/^ABEP_S3_BUCKET: /m);
  });
});
