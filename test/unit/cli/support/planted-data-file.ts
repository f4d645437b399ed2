import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plantedDataset } from '../../model/support/planted';

/**
 * Writes `plantedDataset(...args)` to `dir/data.txt` in the `user item item …` format the CLI
 * reads, and returns the file's path with the dataset (its item ids, e.g. for attributes).
 */
export function writePlantedData(dir: string, ...args: Parameters<typeof plantedDataset>): { data: string; ds: ReturnType<typeof plantedDataset> } {
  const ds = plantedDataset(...args);
  const data = join(dir, 'data.txt');
  writeFileSync(data, ds.sequences.map((s, u) => `${ds.users[u]} ${s.map((i) => ds.items[i]).join(' ')}`).join('\n'));
  return { data, ds };
}
