// Node only: reads dataset files from disk (the CLI and scripts use it; the browser never does).
import { readFileSync, statSync } from 'node:fs';
import type { Dataset } from './dataset';
import { DataError } from './data-error';
import { parseJsonlInteractions, parseTextInteractions } from './parse-interactions';
import { buildDataset } from './build-dataset';

/**
 * Reads a dataset file: JSONL event log (`.jsonl`/`.ndjson`, or a first line starting with `{`)
 * or the whitespace `user item [item …]` format. Throws DataError for a missing/unreadable file
 * or a malformed line (naming file and line). See buildDataset for `itemMap`.
 */
export function readDataset(path: string, itemMap?: readonly string[]): Dataset {
  const text = readTextFile(path);
  const jsonl = /\.(jsonl|ndjson)$/i.test(path) || text.trimStart().startsWith('{');
  const rows = jsonl ? parseJsonlInteractions(text, path) : parseTextInteractions(text, path);
  return buildDataset(rows, path, itemMap);
}

/** Reads a UTF-8 file or throws DataError saying why (missing, a directory, unreadable). */
export function readTextFile(path: string): string {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new DataError(`${path}: no such file`);
  }
  if (!isFile) throw new DataError(`${path}: not a regular file`);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`${path}: cannot read (${(err as Error).message})`);
  }
}
