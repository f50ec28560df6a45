import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore } from '@abep/store';
import { storeContract } from './store-contract.ts';

storeContract(
  'directory twin (DirectoryStore)',
  async () => new DirectoryStore(await mkdtemp(join(tmpdir(), 'abep-store-'))),
);
