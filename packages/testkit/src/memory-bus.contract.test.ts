import { createBus, MemoryTransport } from '@abep/bus';
import { busContract } from './bus-contract.ts';

busContract('in-process twin (MemoryTransport)', async () => {
  const transport = new MemoryTransport({ redeliveryDelayMs: 10 });
  const bus = createBus(transport);
  return { bus, transport, dispose: () => bus.close() };
});
