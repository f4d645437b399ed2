// Types of shoppers.mjs for TypeScript callers (tests).
import type { Product } from './catalog.mjs';
export interface History { user: number; items: string[] }
export function simulateShoppers(catalog: Product[], options?: { seed?: number; users?: number; minLength?: number; maxLength?: number }): History[];
export function toInteractionLines(histories: History[]): string;
export function toAttributes(catalog: Product[]): Record<string, number[]>;
