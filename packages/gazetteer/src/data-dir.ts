import { fileURLToPath } from 'node:url';

/** The package's vendored reference data (see data/PROVENANCE.md). */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../data/', import.meta.url));
}
