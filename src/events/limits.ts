/** Size limits applied to every event before it is stored (bytes are characters of JSON). */
export const LIMITS = {
  /** Longest accepted string value (ids, names, queries, urls). */
  string: 512,
  /** Longest accepted event, measured as JSON text. */
  eventChars: 8192,
  /** Most items in one purchase. */
  items: 50,
} as const;
