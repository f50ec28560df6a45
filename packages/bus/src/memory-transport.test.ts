import { describe, expect, it } from 'vitest';
import { MemoryTransport, partitionFor } from './memory-transport.ts';

describe('MemoryTransport', () => {
  it('maps one key to one partition, and spreads keys over partitions', () => {
    expect(partitionFor('www.sheffield.gov.uk', 6)).toBe(partitionFor('www.sheffield.gov.uk', 6));
    const used = new Set(Array.from({ length: 50 }, (_, i) => partitionFor(`host-${i}.example`, 6)));
    expect(used.size).toBe(6);
  });

  it('reads a topic to its end at the time of the call', async () => {
    const transport = new MemoryTransport();
    await transport.send('crawl.started.v1', [{ key: 'c1', value: Buffer.from('1') }]);
    const seen: string[] = [];
    for await (const m of transport.readToEnd('crawl.started.v1')) {
      seen.push(m.value.toString());
      await transport.send('crawl.started.v1', [{ key: 'c1', value: Buffer.from('late') }]);
    }
    expect(seen).toEqual(['1']);
  });
});
