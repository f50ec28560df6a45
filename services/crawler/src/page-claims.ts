import { isAbepError } from '@abep/schemas';
import { type ObjectStore, readBytes } from '@abep/store';
import { urlHash } from './keys.ts';

/** Slot n of a host's page budget in a crawl; created once, by whichever process takes it. */
const slotKey = (crawlId: string, host: string, n: number) =>
  `crawls/${crawlId}/hosts/${encodeURIComponent(host)}/slot-${String(n).padStart(6, '0')}`;
const slotPrefix = (crawlId: string, host: string) => `crawls/${crawlId}/hosts/${encodeURIComponent(host)}/`;
/** Which slot a URL holds, so its redelivery (after a crash or handover) is not counted twice. */
const claimKey = (crawlId: string, url: string) => `crawls/${crawlId}/claims/${urlHash(url)}`;

const OVER = 'over';

const isConflict = (err: unknown) => isAbepError(err) && err.code === 'STORE_CONFLICT';

/**
 * maxPagesPerHost held in the store, so it holds across crawler processes and restarts: a host's budget is
 * `max` create-only slot objects, and a page may be fetched once it holds one. Of two processes racing for a
 * slot exactly one wins; the other takes the next. A process remembers only where to start looking. A crash
 * after a URL's claim and before its slot lets a redelivery of that URL through without a slot (one page over).
 */
export function createPageClaims(store: ObjectStore) {
  const nextSlot = new Map<string, number>();
  /** One slot hunt at a time per host in this process: concurrent hunts would all race for the same slot. */
  const hunts = new Map<string, Promise<unknown>>();

  async function countSlots(crawlId: string, host: string): Promise<number> {
    let n = 0;
    for await (const _ of store.list(slotPrefix(crawlId, host))) n++;
    return n;
  }

  return {
    /** True when `url` may be fetched within its host's budget of `max` pages in this crawl. */
    async claim(crawlId: string, host: string, url: string, max: number): Promise<boolean> {
      // The URL is claimed first (create-only), so two deliveries of it racing take one slot between them.
      try {
        await store.put(claimKey(crawlId, url), '', { ifNoneMatch: '*' });
      } catch (err) {
        if (!isConflict(err)) throw err;
        // Held: a slot number, OVER when the budget was spent, or '' while its first claimant takes a slot.
        return (await readBytes(store, claimKey(crawlId, url)))?.toString('utf8') !== OVER;
      }
      const cacheKey = `${crawlId}\u0000${host}`;
      const hunt = (hunts.get(cacheKey) ?? Promise.resolve())
        .catch(() => {})
        .then(async () => {
          let n = nextSlot.get(cacheKey) ?? (await countSlots(crawlId, host));
          for (; n < max; n++) {
            try {
              await store.put(slotKey(crawlId, host, n), url, { ifNoneMatch: '*' });
              break;
            } catch (err) {
              if (!isConflict(err)) throw err;
            }
          }
          nextSlot.set(cacheKey, Math.min(n + 1, max));
          return n;
        });
      hunts.set(cacheKey, hunt);
      const n = await hunt;
      if (hunts.get(cacheKey) === hunt) hunts.delete(cacheKey);
      await store.put(claimKey(crawlId, url), n < max ? String(n) : OVER);
      return n < max;
    },
  };
}
