/** A random 128-bit id as hex; getRandomValues works in insecure contexts too, unlike randomUUID. */
export function eventId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  let s = '';
  for (const x of b) s += (x < 16 ? '0' : '') + x.toString(16);
  return s;
}
