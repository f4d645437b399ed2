let seq = 0;
// Random bytes are drawn 4 KB at a time (one getRandomValues call, a costly native call, per 512
// ids) and turned into one hex string through a byte table: an id then takes a 16-character slice
// instead of two number-to-hex conversions. The time part changes once per millisecond: kept.
const POOL_BYTES = 4096;
const bytes = new Uint8Array(POOL_BYTES);
let hexPool = '';
let used = 0;
let hexByte: string[] | undefined;
let lastTs = NaN;
let lastTime = '';

function refill(): void {
  crypto.getRandomValues(bytes);
  hexByte ??= Array.from({ length: 256 }, (_, i) => (i | 256).toString(16).slice(1));
  let s = '';
  for (let i = 0; i < POOL_BYTES; i++) s += hexByte[bytes[i]!];
  hexPool = s;
  used = 0;
}

/**
 * A unique id that sorts in tracking order within a tab: time (base 36) + a per-page counter +
 * 64 random bits (16 hex digits). Events in the same millisecond keep their order (IndexedDB
 * breaks ties on the ts index by primary key), and ids from concurrent tabs never collide.
 * getRandomValues works in insecure contexts too, unlike randomUUID.
 */
export function eventId(ts: number): string {
  if (ts !== lastTs) { lastTs = ts; lastTime = ts.toString(36).padStart(9, '0'); }
  if (used === 0 || used >= hexPool.length) refill();
  used += 16;
  return lastTime + (seq++ % 1679616).toString(36).padStart(4, '0') + hexPool.slice(used - 16, used);
}
