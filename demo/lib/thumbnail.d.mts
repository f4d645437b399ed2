// Types of thumbnail.mjs for TypeScript callers (tests).
import type { Product } from './catalog.mjs';
export function thumbnailSvg(product: Product): string;
export function escapeXml(s: unknown): string;
