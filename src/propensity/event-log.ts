import { EVENT_TYPES, type EventType } from '../events/schema';

/** One logged shopper event, as a shop exports it (JSONL `{user, item, ts, type, category?}`). */
export interface LoggedEvent {
  item: string;
  ts: number;
  type: EventType;
  category?: string;
}

const ITEM_TYPES = new Set<string>(EVENT_TYPES.filter((t) => t !== 'page_view' && t !== 'search'));

/**
 * Parses a JSONL event log into per-user event lists in time order. Each line needs `user`,
 * `item` (string or integer), a finite `ts` (ms) and a `type` that is a Hearth item event type.
 * Throws an Error naming `source` and the line for the first bad line.
 */
export function parseEventLog(text: string, source: string): Map<string, LoggedEvent[]> {
  const users = new Map<string, LoggedEvent[]>();
  const id = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && v.trim() ? v.trim() : undefined);
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const where = `${source}:${i + 1}`;
    let o: Record<string, unknown>;
    try { o = JSON.parse(raw); } catch { throw new Error(`${where}: not valid JSON`); }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new Error(`${where}: expected a JSON object`);
    const user = id(o.user), item = id(o.item);
    if (!user || !item) throw new Error(`${where}: 'user' and 'item' must be non-empty ids`);
    if (typeof o.ts !== 'number' || !Number.isFinite(o.ts)) throw new Error(`${where}: 'ts' must be a finite number (ms)`);
    if (typeof o.type !== 'string' || !ITEM_TYPES.has(o.type)) throw new Error(`${where}: 'type' must be one of ${[...ITEM_TYPES].join(', ')}`);
    const e: LoggedEvent = { item, ts: o.ts, type: o.type as EventType };
    if (typeof o.category === 'string') e.category = o.category;
    (users.get(user) ?? users.set(user, []).get(user)!).push(e);
  });
  for (const list of users.values()) list.sort((a, b) => a.ts - b.ts);
  return users;
}
