import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbepError, topicSpec } from '@abep/schemas';
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
  stop: () => void;
  loops: Map<number, Promise<void>>;
  options: RawConsumeOptions;
  slots: { free: number; waiting: (() => void)[] };
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
    const member: Member = {
      active: true,
      stopped: stopped.promise,
      stop: () => stopped.resolve(),
      loops: new Map(),
      options,
      slots: { free: Math.max(1, options.partitionConcurrency), waiting: [] },
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
  }

  private async runPartition(topic: MemoryTopic, group: GroupState, member: Member, partition: number) {
    const owns = () => member.active && this.owner(group, partition) === member;
    while (owns()) {
      const offset = group.committed[partition] ?? 0;
      const message = topic.partitions[partition]?.[offset];
      if (!message) {
        await Promise.race([topic.nextChange(), member.stopped]);
        continue;
      }
      await this.acquire(member);
      try {
        if (!owns()) return;
        await member.options.handle(message);
        group.committed[partition] = offset + 1;
      } catch {
        await Promise.race([sleep(this.redeliveryDelayMs), member.stopped]);
      } finally {
        this.release(member);
      }
    }
  }

  private async acquire(member: Member): Promise<void> {
    if (member.slots.free > 0) {
      member.slots.free--;
      return;
    }
    await new Promise<void>((resolve) => member.slots.waiting.push(resolve));
  }

  private release(member: Member): void {
    const next = member.slots.waiting.shift();
    if (next) next();
    else member.slots.free++;
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
