// Prepares the demo's generated inputs under the cache folder: catalog, shopper interactions
// (the `user item` format `hearth train` reads) and item attributes, written only when changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateCatalog } from './catalog.mjs';
import { simulateShoppers, toAttributes, toInteractionLines } from './shoppers.mjs';
import { popularityRanking } from './popularity.mjs';

/** The generator settings; changing any of them changes the data hash and retrains the model. */
export const DEMO_SETTINGS = Object.freeze({ catalogSeed: 7, catalogSize: 1200, shopperSeed: 11, shoppers: 1500 });

/**
 * Generates (deterministically) and writes the demo data to `cacheDir`. Promises: the files
 * `catalog.json`, `interactions.txt`, `attributes.json` exist afterwards, are rewritten only when
 * their content changed, and `hash` changes exactly when their content does.
 * @param {string} cacheDir
 */
export function prepareDemoData(cacheDir) {
  if (typeof cacheDir !== 'string' || !cacheDir) throw new TypeError('prepareDemoData: cacheDir is required');
  mkdirSync(cacheDir, { recursive: true });
  const catalog = generateCatalog({ seed: DEMO_SETTINGS.catalogSeed, size: DEMO_SETTINGS.catalogSize });
  const histories = simulateShoppers(catalog, { seed: DEMO_SETTINGS.shopperSeed, users: DEMO_SETTINGS.shoppers });
  const files = {
    catalog: join(cacheDir, 'catalog.json'),
    interactions: join(cacheDir, 'interactions.txt'),
    attributes: join(cacheDir, 'attributes.json'),
  };
  const contents = {
    catalog: JSON.stringify(catalog),
    interactions: toInteractionLines(histories),
    attributes: JSON.stringify(toAttributes(catalog)),
  };
  const hash = createHash('sha256');
  for (const key of /** @type {const} */ (['catalog', 'interactions', 'attributes'])) {
    writeIfChanged(files[key], contents[key]);
    hash.update(contents[key]);
  }
  return { catalog, histories, ranking: popularityRanking(catalog, histories), files, hash: hash.digest('hex') };
}

function writeIfChanged(file, content) {
  // Unchanged files keep their mtime, so nothing downstream thinks they are new.
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return;
  writeFileSync(file, content);
}
