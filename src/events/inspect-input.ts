import { LIMITS } from './limits';

/**
 * Checks that `input` is plain JSON-like data: no cycles, no functions, no non-finite numbers,
 * not nested deeper than LIMITS.depth and not larger than LIMITS.eventChars as JSON.
 * Returns a message describing the first problem, or null when it is fine. Never throws.
 */
export function inspectInput(input: unknown): string | null {
  const seen = new Set<object>();
  let chars = 0;
  const walk = (x: unknown, path: string, depth: number): string | null => {
    if (x === null || x === undefined || typeof x === 'boolean') return null;
    if (typeof x === 'string') { chars += x.length; return null; }
    if (typeof x === 'number') { chars += 8; return Number.isFinite(x) ? null : `${path} is not a finite number`; }
    if (typeof x !== 'object') return `${path} is a ${typeof x}, not data`;
    if (seen.has(x)) return `${path} is a cyclic reference`;
    if (depth > LIMITS.depth) return `${path} is nested deeper than ${LIMITS.depth}`;
    seen.add(x);
    for (const k of Object.keys(x)) {
      chars += k.length + 4;
      const problem = walk((x as Record<string, unknown>)[k], path ? `${path}.${k}` : k, depth + 1);
      if (problem) return problem;
      if (chars > LIMITS.eventChars) return `event is larger than ${LIMITS.eventChars} characters`;
    }
    seen.delete(x); // Shared (non-cyclic) references are fine.
    return null;
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'event must be an object';
  return walk(input, '', 0);
}
