/**
 * The messages of one partition handed to handlers at once (a subscription with `maxInFlight` > 1).
 * Handlers may finish in any order; the commit point is the oldest offset not yet settled, so a crash
 * redelivers every unsettled message (and some settled ones: at-least-once), never skips one.
 * Offsets are Kafka's: decimal int64 strings, possibly with gaps.
 */
export class PartitionWindow {
  private readonly open = new Set<bigint>();
  /** One past the highest offset handed out; the commit point when nothing is open. */
  private next: bigint | undefined;

  get size(): number {
    return this.open.size;
  }

  /** True when `offset` was handed out by this window already (open or settled): a redelivery to skip. */
  seen(offset: string): boolean {
    return this.next !== undefined && BigInt(offset) < this.next;
  }

  dispatch(offset: string): void {
    const at = BigInt(offset);
    this.open.add(at);
    if (this.next === undefined || at >= this.next) this.next = at + 1n;
  }

  settle(offset: string): void {
    this.open.delete(BigInt(offset));
  }

  /** The offset to commit (the next one to read), or undefined before anything was handed out. */
  commitPoint(): string | undefined {
    if (this.next === undefined) return undefined;
    let oldest = this.next;
    for (const at of this.open) if (at < oldest) oldest = at;
    return String(oldest);
  }
}

/** A counting semaphore over a subscription's in-flight messages, across its partitions. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Resolves when a slot is taken; rejects (taking none) if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.push(take);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
