let seq = 0;
// Random bytes are drawn 256 at a time: one getRandomValues call per 32 ids keeps track() cheap.
const pool = new Uint8Array(256);
let used = pool.length;

/**
 * A unique id that sorts in tracking order within a tab: time (base 36) + a per-page counter +
 * 64 random bits. Events in the same millisecond keep their order (IndexedDB breaks ties on
 * the ts index by primary key), and ids from concurrent tabs never collide.
 * getRandomValues works in insecure contexts too, unlike randomUUID.
 */
export function eventId(ts: number): string {
  let s = ts.toString(36).padStart(9, '0') + (seq++ % 1679616).toString(36).padStart(4, '0');
  if (used === pool.length) { crypto.getRandomValues(pool); used = 0; }
  for (const end = used + 8; used < end; used++) s += (pool[used]! + 256).toString(16).slice(1);
  return s;
}
