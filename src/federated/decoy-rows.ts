// Decoy rows hide which embedding rows (items) a device actually touched.
import type { Random } from './random';

/**
 * Returns exactly `total` strictly increasing row ids out of [0, tableRows): every id in `real`
 * (the most important first, if there are more than `total`) plus uniformly drawn decoys.
 * A fixed `total` means the count of rows does not reveal how much a shopper browsed.
 */
export function padRowsWithDecoys(real: readonly number[], tableRows: number, total: number, random: Random): Uint32Array {
  if (!Number.isInteger(tableRows) || tableRows < 1) throw new RangeError('padRowsWithDecoys: tableRows must be an integer ≥ 1');
  if (!Number.isInteger(total) || total < 0) throw new RangeError('padRowsWithDecoys: total must be an integer ≥ 0');
  const want = Math.min(total, tableRows);
  const chosen = new Set<number>();
  for (const r of real) {
    if (chosen.size >= want) break;
    if (!Number.isInteger(r) || r < 0 || r >= tableRows) throw new RangeError(`padRowsWithDecoys: row ${r} outside the table`);
    chosen.add(r);
  }
  // Rejection sampling is fast while the table is much larger than the request; fall back to a scan.
  let tries = 0;
  while (chosen.size < want && tries < want * 20) {
    chosen.add(Math.floor(random() * tableRows));
    tries++;
  }
  for (let r = 0; chosen.size < want && r < tableRows; r++) chosen.add(r);
  return Uint32Array.from([...chosen].sort((a, b) => a - b));
}
