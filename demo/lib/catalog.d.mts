// Types of catalog.mjs for TypeScript callers (tests).
export interface Product { id: string; name: string; category: string; brand: string; price: number; inStock: boolean }
export interface Category { id: string; label: string; nouns: string[]; price: [number, number]; hue: number }
export const CATEGORIES: Category[];
export function generateCatalog(options?: { seed?: number; size?: number }): Product[];
export function categoryLabel(id: string): string | undefined;
