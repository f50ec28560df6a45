import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbepError, topicSpec } from '@abep/schemas';
import { PartitionWindow, Slots } from './partition-window.ts';
import type { RawConsumeOptions, RawMessage, RawOutgoing, Transport } from './transport.ts';

/** Kafka's default message.max.bytes. */
const BROKER_MAX_MESSAGE_BYTES = 1_048_588;

/** Stable key → partition, so one key always lands in one partition (as Kafka's partitioner does). */
export function partitionFor(key: string, partitions: number): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0) % partitions;
}

class MemoryTopic {
  readonly name: string;
  readonly partitions: RawMessage[][];
  private changed = Promise.withResolvers<void>();

  constructor(name: string, count: number) {
    this.name = name;
    this.partitions = Array.from({ length: count }, () => []);
  }

  append(message: RawOutgoing): void {
    const partition = partitionFor(message.key, this.partitions.length);
    const log = this.partitions[partition] as RawMessage[];
    log.push({
      topic: this.name,
      partition,
      offset: String(log.length),
      key: message.key,
      value: Buffer.from(message.value),
      headers: { ...message.headers },
    });
  }

  notify(): void {
    this.changed.resolve();
    this.changed = Promise.withResolvers<void>();
  }

  nextChange(): Promise<void> {
    return this.changed.promise;
  }
}

interface Member {
  active: boolean;
  stopped: Promise<void>;
  /** Aborts with stop(): handlers in flight see it on their delivery's signal. */
  closing: AbortController;
  stop: () => void;
  loops: Map<number, Promise<void>>;
  options: RawConsumeOptions;
  slots: Slots;
  /** Messages of one partition in flight at once: 1 keeps per-key order. */
  perPartition: number;
}

interface GroupState {
  committed: number[];
  members: Member[];
  /** The loop currently (or last) running a partition; a new owner waits for it so order is kept. */
  running: (Promise<void> | undefined)[];
}

/**
 * In-process twin of Kafka: keyed partitions, consumer groups with partitions spread over members,
 * committed offsets that outlive a subscription, redelivery of a message whose handler rejected.
 */
export class MemoryTransport implements Transport {
  readonly describe = 'in-process bus';
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly groups = new Map<string, GroupState>();
  private readonly members = new Set<Member>();
  private readonly redeliveryDelayMs: number;

  constructor(options: { redeliveryDelayMs?: number } = {}) {
    this.redeliveryDelayMs = options.redeliveryDelayMs ?? 100;
  }

  private topic(name: string): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new MemoryTopic(name, topicSpec(name)?.partitions ?? 1);
      this.topics.set(name, topic);
    }
    return topic;
  }

  async send(topicName: string, messages: readonly RawOutgoing[]): Promise<void> {
    // As a broker with the default message.max.bytes would: the raw path must not carry what Kafka refuses.
    for (const m of messages) {
      const bytes = m.value.length + Buffer.byteLength(m.key);
      if (bytes > BROKER_MAX_MESSAGE_BYTES) {
        throw new AbepError('MESSAGE_TOO_LARGE', `${bytes} bytes for ${topicName}: over the broker limit`, {
          details: { bytes, limit: BROKER_MAX_MESSAGE_BYTES },
        });
      }
    }
    const topic = this.topic(topicName);
    for (const message of messages) topic.append(message);
    topic.notify();
  }

  async consume(options: RawConsumeOptions): Promise<{ close(): Promise<void> }> {
    const topic = this.topic(options.topic);
    const groupKey = `${options.groupId}\u0000${options.topic}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      group = {
        committed: topic.partitions.map((log) => (options.fromBeginning ? 0 : log.length)),
        members: [],
        running: [],
      };
      this.groups.set(groupKey, group);
    }
    const stopped = Promise.withResolvers<void>();
    const closing = new AbortController();
    const windowed = (options.maxInFlight ?? 1) > 1;
    const member: Member = {
      active: true,
      stopped: stopped.promise,
      closing,
      stop: () => {
        closing.abort(new AbepError('BUS_UNAVAILABLE', 'subscription closed', { retriable: true }));
        stopped.resolve();
      },
      loops: new Map(),
      options,
      slots: new Slots(windowed ? (options.maxInFlight ?? 1) : options.partitionConcurrency),
      perPartition: windowed ? Number.POSITIVE_INFINITY : 1,
    };
    group.members.push(member);
    this.members.add(member);
    this.rebalance(topic, group);

    const close = async () => {
      if (!member.active) return;
      member.active = false;
      member.stop();
      await Promise.all(member.loops.values());
      const state = group as GroupState;
      state.members = state.members.filter((m) => m !== member);
      this.members.delete(member);
      this.rebalance(topic, state);
    };
    return { close };
  }

  private owner(group: GroupState, partition: number): Member | undefined {
    return group.members.length ? group.members[partition % group.members.length] : undefined;
  }

  private rebalance(topic: MemoryTopic, group: GroupState): void {
    topic.partitions.forEach((_, partition) => {
      const owner = this.owner(group, partition);
      if (!owner || owner.loops.has(partition)) return;
      const previous = group.running[partition] ?? Promise.resolve();
      const loop = previous.then(() => this.runPartition(topic, group, owner, partition));
      owner.loops.set(partition, loop);
      group.running[partition] = loop;
      void loop.finally(() => owner.loops.delete(partition));
    });
    // Wakes idle loops so a member that lost a partition lets go of it (and aborts its work) at once.
    topic.notify();
  }

  /**
   * Hands the partition's messages to the member's handler, up to its per-partition and subscription limits;
   * commits the oldest unsettled offset. Ends when the member stops or loses the partition, after every
   * handler it started has finished, so the next owner never overlaps with it.
   */
  private async runPartition(topic: MemoryTopic, group: GroupState, member: Member, partition: number) {
    const owns = () => member.active && this.owner(group, partition) === member;
    const revoked = new AbortController();
    const signal = AbortSignal.any([member.closing.signal, revoked.signal]);
    const window = new PartitionWindow();
    const running = new Set<Promise<void>>();
    let settledOne = Promise.withResolvers<void>();
    let position = group.committed[partition] ?? 0;
    while (owns()) {
      if (window.size >= member.perPartition) {
        await Promise.race([settledOne.promise, member.stopped, topic.nextChange()]);
        continue;
      }
      const message = topic.partitions[partition]?.[position];
      if (!message) {
        await Promise.race([topic.nextChange(), member.stopped]);
        continue;
      }
      try {
        await member.slots.acquire(member.closing.signal);
      } catch {
        break;
      }
      if (!owns()) {
        member.slots.release();
        break;
      }
      window.dispatch(message.offset);
      position++;
      const handled = this.deliver(member, message, signal).then(
        () => {
          window.settle(message.offset);
          group.committed[partition] = Number(window.commitPoint());
        },
        () => {},
      );
      const tracked = handled.finally(() => {
        member.slots.release();
        running.delete(tracked);
        settledOne.resolve();
        settledOne = Promise.withResolvers<void>();
      });
      running.add(tracked);
    }
    revoked.abort(new AbepError('BUS_UNAVAILABLE', 'partition reassigned', { retriable: true }));
    await Promise.all(running);
  }

  /** Until the handler resolves; a rejection is redelivered in place after a pause, unless `signal` aborted. */
  private async deliver(member: Member, message: RawMessage, signal: AbortSignal): Promise<void> {
    for (;;) {
      try {
        await member.options.handle(message, signal);
        return;
      } catch (error) {
        if (signal.aborted) throw error;
        await Promise.race([sleep(this.redeliveryDelayMs), member.stopped]);
        if (signal.aborted) throw error;
      }
    }
  }

  async *readToEnd(topicName: string): AsyncIterable<RawMessage> {
    const topic = this.topic(topicName);
    const ends = topic.partitions.map((log) => log.length);
    for (const [partition, log] of topic.partitions.entries()) {
      for (let offset = 0; offset < (ends[partition] ?? 0); offset++) yield log[offset] as RawMessage;
    }
  }

  async close(): Promise<void> {
    for (const member of this.members) {
      member.active = false;
      member.stop();
    }
    await Promise.all([...this.members].flatMap((m) => [...m.loops.values()]));
    this.members.clear();
  }
}
