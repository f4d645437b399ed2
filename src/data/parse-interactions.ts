import { DataError } from './data-error';

/** One raw interaction as read from a file, before items are indexed. */
export interface RawInteraction {
  user: string;
  item: string;
  /** 1-based line number in the source file. */
  line: number;
  /** Timestamp for JSONL logs (ms or s, only compared); -Infinity for text files (file order). */
  ts: number;
}

const ID = /^[A-Za-z0-9_.:@\-]+$/;

/**
 * Parses the whitespace format shared by both published layouts: each non-empty line is
 * `user item [item …]` — one interaction a line (Video.txt) and one user a line (Beauty.txt) are
 * the same grammar. Order within the file is time order. Throws DataError naming `source:line`.
 */
export function parseTextInteractions(text: string, source: string): RawInteraction[] {
  const out: RawInteraction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const fields = raw.split(/\s+/);
    if (fields.length < 2) throw new DataError(`${source}:${i + 1}: expected 'user item [item …]', got '${raw.slice(0, 60)}'`);
    for (const f of fields) {
      if (!ID.test(f)) throw new DataError(`${source}:${i + 1}: invalid id '${f.slice(0, 40)}' (ids are letters, digits, _ . : @ -)`);
    }
    for (let k = 1; k < fields.length; k++) out.push({ user: fields[0]!, item: fields[k]!, line: i + 1, ts: -Infinity });
  }
  return out;
}

/**
 * Parses a JSONL event log, one `{"user","item","ts","type"}` object a line (user/item may be
 * strings or integers; ts a finite number; type optional). Only `types` are kept when given.
 * Throws DataError naming `source:line` for lines that are not such objects.
 */
export function parseJsonlInteractions(text: string, source: string, types?: ReadonlySet<string>): RawInteraction[] {
  const out: RawInteraction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new DataError(`${source}:${i + 1}: not valid JSON`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new DataError(`${source}:${i + 1}: expected a JSON object`);
    const o = obj as Record<string, unknown>;
    const user = idOf(o.user);
    const item = idOf(o.item);
    if (user === undefined) throw new DataError(`${source}:${i + 1}: 'user' must be a non-empty string or integer`);
    if (item === undefined) throw new DataError(`${source}:${i + 1}: 'item' must be a non-empty string or integer`);
    if (typeof o.ts !== 'number' || !Number.isFinite(o.ts)) throw new DataError(`${source}:${i + 1}: 'ts' must be a finite number`);
    if (o.type !== undefined && typeof o.type !== 'string') throw new DataError(`${source}:${i + 1}: 'type' must be a string`);
    if (types && !types.has((o.type as string | undefined) ?? '')) continue;
    out.push({ user, item, line: i + 1, ts: o.ts });
  }
  return out;
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '' && !/\s/.test(v)) return v;
  return undefined;
}
