let seq = 0;
let page: string | undefined;

/**
 * A unique id that sorts in tracking order within a tab: time (base 36, 9 digits) + a per-page
 * counter (base 36, 4 digits) + 64 random bits drawn once per page load (base 36, 1 … 13
 * digits). Events in the same millisecond keep their order (IndexedDB breaks ties on the ts index
 * by primary key); the counter makes ids unique within a page and the random part across pages
 * and tabs, so concurrent writers never collide (the first 13 characters have a fixed width, so
 * a random part of any length cannot make two ids equal). getRandomValues works in insecure
 * contexts too, unlike randomUUID, and is called once, not per event.
 */
export function eventId(ts: number): string {
  page ??= crypto.getRandomValues(new BigUint64Array(1))[0]!.toString(36);
  return ts.toString(36).padStart(9, '0') + (seq++ % 1679616).toString(36).padStart(4, '0') + page;
}
