import { fileURLToPath } from 'node:url';

/**
 * The reference data (../shared/data beside the repository root): third-party files, read from there and never
 * copied into the repository. Composition roots may pass another directory (ABEP_REFERENCE_DATA_DIR).
 */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
}
