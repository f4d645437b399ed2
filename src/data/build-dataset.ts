import type { Dataset } from './dataset';
import type { RawInteraction } from './parse-interactions';
import { DataError } from './data-error';

/**
 * Groups raw interactions into per-user sequences (stable-sorted by ts, so text files keep file
 * order) and indexes items. With `itemMap` (a trained model's index → id list) items are mapped
 * through it and an unknown id throws DataError naming the first offending line; otherwise items
 * get indices 1..N in order of first appearance.
 */
export function buildDataset(rows: RawInteraction[], source: string, itemMap?: readonly string[]): Dataset {
  if (rows.length === 0) throw new DataError(`${source}: no interactions found (empty file?)`);
  const index = new Map<string, number>();
  const items: string[] = [''];
  if (itemMap) {
    for (let i = 1; i < itemMap.length; i++) index.set(itemMap[i]!, i);
    items.push(...itemMap.slice(1));
  }
  const unknown: RawInteraction[] = [];
  const byUser = new Map<string, RawInteraction[]>();
  for (const r of rows) {
    if (!index.has(r.item)) {
      if (itemMap) {
        unknown.push(r);
        continue;
      }
      index.set(r.item, items.length);
      items.push(r.item);
    }
    let list = byUser.get(r.user);
    if (!list) byUser.set(r.user, (list = []));
    list.push(r);
  }
  if (unknown.length > 0) {
    const first = unknown[0]!;
    throw new DataError(
      `${source}:${first.line}: item '${first.item}' is not in the model's item map (${unknown.length} interaction(s) with unknown items)`,
    );
  }
  const users: string[] = [];
  const sequences: number[][] = [];
  for (const [user, list] of byUser) {
    // Array.prototype.sort is stable, so equal timestamps keep file order.
    list.sort((a, b) => a.ts - b.ts);
    users.push(user);
    sequences.push(list.map((r) => index.get(r.item)!));
  }
  return { items, users, sequences, source };
}
