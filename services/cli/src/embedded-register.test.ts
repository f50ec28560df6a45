import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryBus } from '@abep/bus';
import { silentLogger } from '@abep/logger';
import type { LocalAuthorityProfileV1, RegisterRecordV1 } from '@abep/schemas';
import { DirectoryStore } from '@abep/store';
import { afterEach, describe, expect, it } from 'vitest';
import { EMBEDDED_REGISTER_KEY, loadEmbeddedRegister, saveEmbeddedRegister } from './embedded-register.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const profile = (laCode: string, roles: LocalAuthorityProfileV1['roles']): LocalAuthorityProfileV1 => ({
  kind: 'local-authority',
  laCode,
  gssCode: 'E09000007',
  name: 'Camden',
  region: { code: 'E12000007', name: 'London' },
  roles,
  partnershipIds: [],
  pagesExamined: [],
  coverage: 'crawled',
  lastCrawled: '2025-01-06T10:00:00.000Z',
  provenance: {},
});

async function registerOf(bus: ReturnType<typeof createMemoryBus>): Promise<RegisterRecordV1[]> {
  const out: RegisterRecordV1[] = [];
  for await (const r of bus.readToEnd('register.updated.v1')) if (r.ok) out.push(r.delivery.value);
  return out;
}

describe('embedded register', () => {
  it('keeps the last record per key from one run to the next, like the compacted topic', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abep-embedded-register-'));
    dirs.push(dir);
    const store = new DirectoryStore(dir);
    const first = createMemoryBus();
    expect(await loadEmbeddedRegister(first, store, silentLogger())).toBe(0);
    await first.publish('register.updated.v1', [
      profile('202', []),
      profile('202', ['funder']),
      profile('203', []),
    ]);
    expect(await saveEmbeddedRegister(first, store, silentLogger())).toBe(2);

    const second = createMemoryBus();
    expect(await loadEmbeddedRegister(second, store, silentLogger())).toBe(2);
    const records = (await registerOf(second)) as LocalAuthorityProfileV1[];
    expect(records.map((r) => [r.laCode, r.roles])).toEqual(
      expect.arrayContaining([
        ['202', ['funder']],
        ['203', []],
      ]),
    );
    expect(records).toHaveLength(2);
  });

  it('skips unreadable lines instead of failing the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abep-embedded-register-'));
    dirs.push(dir);
    const store = new DirectoryStore(dir);
    await store.put(
      EMBEDDED_REGISTER_KEY,
      `not json\n${JSON.stringify(profile('202', []))}\n{"kind":"partnership"}\n`,
    );
    const bus = createMemoryBus();
    expect(await loadEmbeddedRegister(bus, store, silentLogger())).toBe(1);
  });
});
