import { describe, expect, it } from 'vitest';
import { chunkBySize } from './chunk-by-size.ts';

const message = (key: string, bytes: number) => ({ key, value: Buffer.alloc(bytes, 120) });

describe('chunkBySize', () => {
  it('keeps every message, in order, with no request over the limit unless one message alone is', () => {
    const messages = [
      message('a', 400),
      message('b', 400),
      message('c', 400),
      message('d', 2000),
      message('e', 10),
    ];
    const chunks = chunkBySize(messages, 1000);
    expect(chunks.flat().map((m) => m.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(chunks.map((c) => c.map((m) => m.key))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it('sends a small publish as one request', () => {
    expect(chunkBySize([message('a', 10), message('b', 10)], 1000)).toHaveLength(1);
  });
});
