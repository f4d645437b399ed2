let seq = 0;

/**
 * A unique id that sorts in tracking order within a tab: time (base 36) + a per-page counter +
 * 64 random bits. Events in the same millisecond keep their order (IndexedDB breaks ties on
 * the ts index by primary key), and ids from concurrent tabs never collide.
 * getRandomValues works in insecure contexts too, unlike randomUUID.
 */
export function eventId(ts: number): string {
  let s = ts.toString(36).padStart(9, '0') + (seq++ % 1679616).toString(36).padStart(4, '0');
  for (const x of crypto.getRandomValues(new Uint8Array(8))) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}
