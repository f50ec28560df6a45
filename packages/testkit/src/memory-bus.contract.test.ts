import { createBus, MemoryTransport } from '@abep/bus';
import { busContract } from './bus-contract.ts';
import { busWaitingContract } from './bus-waiting-contract.ts';

const twin = async () => {
  const transport = new MemoryTransport({ redeliveryDelayMs: 10 });
  const bus = createBus(transport);
  return { bus, transport, dispose: () => bus.close() };
};
busContract('in-process twin (MemoryTransport)', twin);
busWaitingContract('in-process twin (MemoryTransport)', twin);
