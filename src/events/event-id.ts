let seq = 0;
// Random words are drawn 1,024 at a time: one getRandomValues call (a costly native call) per 512 ids.
const pool = new Uint32Array(1024);
let used = pool.length;
const hex8 = (x: number) => x.toString(16).padStart(8, '0');

/**
 * A unique id that sorts in tracking order within a tab: time (base 36) + a per-page counter +
 * 64 random bits. Events in the same millisecond keep their order (IndexedDB breaks ties on
 * the ts index by primary key), and ids from concurrent tabs never collide.
 * getRandomValues works in insecure contexts too, unlike randomUUID.
 */
export function eventId(ts: number): string {
  const s = ts.toString(36).padStart(9, '0') + (seq++ % 1679616).toString(36).padStart(4, '0');
  if (used === pool.length) { crypto.getRandomValues(pool); used = 0; }
  return s + hex8(pool[used++]!) + hex8(pool[used++]!);
}
