export * from './infra-config.ts';
export { type EnvField, type EnvFields, envTable, readEnv } from './read-env.ts';
