export { DirectoryStore } from './directory-store.ts';
export { assertValidKey, assertValidPrefix, MAX_KEY_BYTES } from './keys.ts';
export type { Body, GetOptions, ObjectInfo, ObjectStore, PutOptions, StoredObject } from './object-store.ts';
export { type ProbeOptions, probeStore } from './probe.ts';
export { readBytes, readJson, streamToBuffer } from './read.ts';
