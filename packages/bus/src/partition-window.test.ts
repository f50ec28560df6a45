import { describe, expect, it } from 'vitest';
import { PartitionWindow, Slots } from './partition-window.ts';

describe('PartitionWindow', () => {
  it('commits up to the oldest unsettled offset, and past the highest once all settled, across gaps', () => {
    const window = new PartitionWindow();
    expect(window.commitPoint()).toBeUndefined();
    for (const offset of ['5', '6', '9', '10']) window.dispatch(offset);
    window.settle('6');
    window.settle('10');
    expect(window.commitPoint()).toBe('5');
    window.settle('5');
    expect(window.commitPoint()).toBe('9');
    window.settle('9');
    expect(window.commitPoint()).toBe('11');
    expect(window.seen('7')).toBe(true);
    expect(window.seen('11')).toBe(false);
  });
});

describe('Slots', () => {
  it('hands out at most its size and wakes waiters in order; an aborted waiter takes none', async () => {
    const slots = new Slots(1);
    await slots.acquire();
    const order: string[] = [];
    const aborter = new AbortController();
    const a = slots.acquire(aborter.signal).then(
      () => order.push('a'),
      () => order.push('a aborted'),
    );
    const b = slots.acquire().then(() => order.push('b'));
    aborter.abort();
    await a;
    slots.release();
    await b;
    expect(order).toEqual(['a aborted', 'b']);
  });
});
