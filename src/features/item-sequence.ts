/**
 * Appends an item id to the recent-item sequence: a consecutive repeat is collapsed into one,
 * and only the last `cap` ids are kept. Pure; returns a new array.
 */
export function pushItem(sequence: readonly string[], itemId: string, cap: number): string[] {
  if (sequence[sequence.length - 1] === itemId) return sequence as string[];
  const next = [...sequence, itemId];
  return next.length > cap ? next.slice(next.length - cap) : next;
}
