// The demo's product catalog, made by code from a seed: no external images, fonts or data.
import { createRandom } from './random.mjs';

/** The departments of the demo shop, with the words their product names are built from. */
export const CATEGORIES = [
  { id: 'kitchen', label: 'Kitchen', nouns: ['Skillet', 'Chef Knife', 'Kettle', 'Cutting Board', 'Stock Pot', 'Espresso Cup', 'Mixing Bowl', 'Spatula'], price: [8, 160], hue: 18 },
  { id: 'outdoors', label: 'Outdoors', nouns: ['Tent', 'Sleeping Bag', 'Headlamp', 'Trail Pack', 'Camp Stove', 'Water Filter', 'Hammock', 'Trekking Poles'], price: [15, 420], hue: 120 },
  { id: 'audio', label: 'Audio', nouns: ['Headphones', 'Earbuds', 'Speaker', 'Turntable', 'Soundbar', 'Microphone', 'DAC', 'Amplifier'], price: [20, 600], hue: 265 },
  { id: 'books', label: 'Books', nouns: ['Novel', 'Cookbook', 'Atlas', 'Field Guide', 'Poetry Collection', 'Biography', 'Sketchbook', 'Journal'], price: [6, 60], hue: 40 },
  { id: 'toys', label: 'Toys', nouns: ['Puzzle', 'Building Set', 'Plush Fox', 'Kite', 'Board Game', 'Train Set', 'Marble Run', 'Yo-yo'], price: [5, 120], hue: 330 },
  { id: 'garden', label: 'Garden', nouns: ['Trowel', 'Watering Can', 'Planter', 'Pruner', 'Seed Kit', 'Garden Hose', 'Bird Feeder', 'Compost Bin'], price: [6, 180], hue: 95 },
  { id: 'beauty', label: 'Beauty', nouns: ['Face Serum', 'Lip Balm', 'Hand Cream', 'Shampoo', 'Body Oil', 'Clay Mask', 'Perfume', 'Sunscreen'], price: [4, 140], hue: 350 },
  { id: 'fitness', label: 'Fitness', nouns: ['Yoga Mat', 'Kettlebell', 'Jump Rope', 'Foam Roller', 'Resistance Band', 'Dumbbell Set', 'Water Bottle', 'Running Belt'], price: [7, 300], hue: 200 },
  { id: 'office', label: 'Office', nouns: ['Fountain Pen', 'Notebook', 'Desk Lamp', 'Monitor Stand', 'Stapler', 'Desk Organizer', 'Ergonomic Mouse', 'Paper Tray'], price: [3, 250], hue: 220 },
  { id: 'pets', label: 'Pets', nouns: ['Dog Bed', 'Cat Tree', 'Chew Toy', 'Leash', 'Food Bowl', 'Litter Mat', 'Pet Brush', 'Treat Jar'], price: [4, 200], hue: 28 },
];

const BRAND_STEMS = ['North', 'Alder', 'Copper', 'Lumen', 'Tidal', 'Ember', 'Maple', 'Orbit', 'Quartz', 'Fable', 'Harbor', 'Sable', 'Willow', 'Zephyr', 'Cobalt', 'Juniper', 'Pebble', 'Ridge', 'Saffron', 'Vesper'];
const BRAND_TAILS = ['works', ' & Co', 'craft', ' Labs', 'field', 'wood', ' Supply', 'line'];
const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Everyday', 'Pro', 'Lightweight', 'Heritage', 'Modern', 'Essential', 'Premium', 'Travel', 'Studio'];
const COLOURS = ['Slate', 'Sand', 'Moss', 'Ink', 'Coral', 'Ivory', 'Rust', 'Teal', 'Plum', 'Graphite'];

/**
 * @typedef {{ id: string, name: string, category: string, brand: string, price: number, inStock: boolean }} Product
 * The public catalog entry, exactly the shape served as /catalog.json.
 */

/**
 * Generates the demo catalog. Promises: `size` products (at least one per category), ids
 * "1".."size" (contiguous integers as strings, so they are valid ids for every dataset reader),
 * 5–7 brands per category, prices in the category's range rounded to .99 / .49, ~92% in stock;
 * identical output for identical arguments.
 * @param {{ seed?: number, size?: number }} [options]
 * @returns {Product[]}
 */
export function generateCatalog({ seed = 7, size = 1200 } = {}) {
  if (!Number.isInteger(size) || size < CATEGORIES.length || size > 100_000) {
    throw new RangeError(`generateCatalog: size must be an integer in [${CATEGORIES.length}, 100000], got ${size}`);
  }
  const rnd = createRandom(seed);
  const brands = brandsByCategory(rnd);
  const products = [];
  for (let i = 0; i < size; i++) {
    // Round-robin keeps categories balanced; brand and words are random.
    const cat = CATEGORIES[i % CATEGORIES.length];
    const brand = rnd.pick(brands[cat.id]);
    const [lo, hi] = cat.price;
    // Log-uniform prices: many cheap things, a few expensive ones, like a real shop.
    const raw = Math.exp(Math.log(lo) + rnd.next() * (Math.log(hi) - Math.log(lo)));
    const price = Math.max(1, Math.floor(raw)) + (rnd.next() < 0.7 ? 0.99 : 0.49);
    const name = `${brand} ${rnd.pick(ADJECTIVES)} ${rnd.pick(COLOURS)} ${rnd.pick(cat.nouns)}`;
    products.push({ id: String(i + 1), name, category: cat.id, brand, price: Math.round(price * 100) / 100, inStock: rnd.next() < 0.92 });
  }
  return products;
}

/** Each category gets its own 5–7 brand names, drawn without repeats across the shop. */
function brandsByCategory(rnd) {
  const used = new Set();
  /** @type {Record<string, string[]>} */
  const out = {};
  for (const cat of CATEGORIES) {
    const list = [];
    const want = 5 + rnd.int(3);
    while (list.length < want) {
      const name = `${rnd.pick(BRAND_STEMS)}${rnd.pick(BRAND_TAILS)}`;
      if (used.has(name)) continue;
      used.add(name);
      list.push(name);
    }
    out[cat.id] = list;
  }
  return out;
}

/** The display label of a category id, or undefined when the id is unknown. */
export function categoryLabel(id) {
  return CATEGORIES.find((c) => c.id === id)?.label;
}
