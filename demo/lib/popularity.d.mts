// Types of popularity.mjs for TypeScript callers (tests).
import type { Product } from './catalog.mjs';
export function popularityRanking(catalog: Product[], histories: { items: string[] }[]): string[];
