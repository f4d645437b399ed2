// Gzipped size the way a CDN serves a file (level 9), shared with scripts/size.mjs's definition.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { MissingPart } from './figure';

/** Gzipped bytes of a buffer or string at level 9. */
export function gzBytesOf(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

/** Gzipped bytes of a file; throws MissingPart (naming `what`) when the file does not exist. */
export function gzFile(file: string, what = file): number {
  if (!existsSync(file)) throw new MissingPart(`${what} does not exist (${file})`);
  return gzBytesOf(readFileSync(file));
}
