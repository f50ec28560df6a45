import type { PartnershipV1 } from '@abep/schemas';
import { describe, expect, it } from 'vitest';
import { diffRegisters, diffRegistersStreaming, NotSortedError } from './build-changes.ts';
import { partnership, profile } from './test-support/fixtures.ts';

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

describe('diffRegistersStreaming', () => {
  const las = [profile('202', 'E09000007', 'Camden')];
  const before = [1, 2, 3, 5, 8, 9].map((i) => partnership(i));
  const after = [
    partnership(0),
    partnership(2, { name: 'Renamed' }),
    partnership(3),
    partnership(4),
    partnership(9, { status: 'inactive', crawlsUnseen: 2 }),
    partnership(10),
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  const lasAfter = [profile('202', 'E09000007', 'Camden', { roles: ['funder'] })];

  it('gives exactly the in-memory diff while reading the previous partnerships as a stream', async () => {
    const streamed = await diffRegistersStreaming(
      { partnerships: stream(before), localAuthorities: las },
      { partnerships: after, localAuthorities: lasAfter },
      'v1',
      'v2',
    );
    const inMemory = diffRegisters(
      { partnerships: before, localAuthorities: las },
      { partnerships: after, localAuthorities: lasAfter },
      'v1',
      'v2',
    );
    expect(streamed).toEqual(inMemory);
    expect(streamed.summary).toEqual({
      added: 3,
      removed: 3,
      changed: 2,
      unchanged: 1,
      localAuthoritiesChanged: 1,
    });
  });

  it('refuses input that is not sorted by id, so the caller can fall back', async () => {
    const unsorted: PartnershipV1[] = [partnership(3), partnership(1)];
    await expect(
      diffRegistersStreaming(
        { partnerships: stream(unsorted), localAuthorities: las },
        { partnerships: after, localAuthorities: las },
        null,
        null,
      ),
    ).rejects.toBeInstanceOf(NotSortedError);
  });
});
