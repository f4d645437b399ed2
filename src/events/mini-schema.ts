// A tiny schema kit (≈0.5 KB) so the script tag stays small: each schema is a check function
// that returns the clean value or throws a SchemaIssue; TypeScript types are inferred from it.

/**
 * A validation failure at `path` (dot-separated; '' = the value itself). Checks throw it with
 * the path below them and each enclosing object or array prefixes its key while it passes up,
 * so a valid event never builds a path string.
 */
export class SchemaIssue {
  constructor(public path: string, readonly message: string) {}
}

/** Returns the clean value or throws a SchemaIssue. */
export type Check<T> = (x: unknown) => T;
/** An optional field (may be absent or undefined). */
export type Opt<T> = Check<T | undefined> & { opt: true };
/** The type a check produces. */
export type Infer<C> = C extends Check<infer T> ? T : never;

type Shape = Record<string, Check<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] } & {};
/** The object type of a shape: fields built with opt() become optional. */
export type InferShape<S extends Shape> = Flat<
  { [K in keyof S as S[K] extends { opt: true } ? never : K]: Infer<S[K]> } & { [K in keyof S as S[K] extends { opt: true } ? K : never]?: Exclude<Infer<S[K]>, undefined> }
>;

const fail = (message: string, path = ''): never => { throw new SchemaIssue(path, message); };
// Re-throws `e`, a failure below key `k` (a name, or `[i]` for array entries), with `k` prefixed to its path.
const under = (k: string, e: unknown): never => {
  if (e instanceof SchemaIssue) e.path = !e.path ? k : e.path[0] === '[' ? k + e.path : `${k}.${e.path}`;
  throw e;
};
const what = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x === 'number' ? String(x) : typeof x);
/** Throws "expected <want>, got <what x is>". */
export const expected = (want: string, x: unknown): never => fail(`expected ${want}, got ${what(x)}`);

/** A string of at most `max` characters (at least `min`, default 0), optionally matching `re`. */
export const str = (max: number, min = 0, re?: RegExp): Check<string> => (x) =>
  typeof x !== 'string' ? expected('a string', x)
    : !x.length && min ? fail('is empty')
    : x.length > max ? fail(`is longer than ${max} characters`)
    : x.length < min || (re && !re.test(x)) ? fail(`is not in the format ${re ?? `of ${min}+ characters`}`)
    : x;

/** A finite number within [min, max]. */
export const num = (min = -Infinity, max = Infinity): Check<number> => (x) =>
  typeof x !== 'number' || !Number.isFinite(x) ? expected('a finite number', x)
    : x < min ? fail(`is below ${min}`)
    : x > max ? fail(`is above ${max}`)
    : x;

/** Runs `fix` on the value before `c` checks it (normalising loose input, e.g. trimming). */
export const pre = <T>(fix: (x: unknown) => unknown, c: Check<T>): Check<T> => (x) => c(fix(x));

/** Makes a check optional. */
export const opt = <T>(c: Check<T>): Opt<T> => Object.assign((x: unknown) => (x === undefined ? undefined : c(x)), { opt: true as const });

/** An array of `c` with between `min` and `max` entries. */
export const arr = <T>(c: Check<T>, min: number, max: number): Check<T[]> => (x) =>
  !Array.isArray(x) ? expected('an array', x)
    : x.length < min ? fail('is empty')
    : x.length > max ? fail(`has more than ${max} entries`)
    : x.map((v, i) => { try { return c(v); } catch (e) { return under(`[${i}]`, e); } });

const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// Checks the shape's fields of a plain object `x` into `out` (so variant() can start from its tag).
const fields = (shape: Shape) => (x: Record<string, unknown>, out: Record<string, unknown>) => {
  let k = '';
  try {
    for (k in shape) {
      const v = shape[k]!(x[k]);
      if (v !== undefined) out[k] = v;
    }
  } catch (e) {
    under(k, e);
  }
  return out;
};

/** An object with the given fields; unknown keys are dropped, absent optional fields omitted. */
export const obj = <S extends Shape>(shape: S): Check<InferShape<S>> => {
  const f = fields(shape);
  return (x) => (isPlain(x) ? f(x, {}) : expected('an object', x)) as InferShape<S>;
};

/** A record of up to `max` string keys whose values pass `c`. */
export const record = <T>(c: Check<T>, max: number): Check<Record<string, T>> => (x) => {
  if (!isPlain(x)) return expected('an object', x);
  const keys = Object.keys(x);
  if (keys.length > max) fail(`has more than ${max} keys`);
  return Object.fromEntries(keys.map((k) => { try { return [k, c(x[k])]; } catch (e) { return under(k, e); } }));
};

/** A tagged union: `x[key]` (trimmed, lower-cased) picks the shape; the result carries the tag. */
export const variant = <K extends string, M extends Record<string, Shape>>(key: K, shapes: M): Check<{ [T in keyof M]: Flat<{ [_ in K]: T } & InferShape<M[T]>> }[keyof M]> => {
  const checks = Object.fromEntries(Object.entries(shapes).map(([t, s]) => [t, fields(s)]));
  return ((x: unknown) => {
    if (!isPlain(x)) return expected('an object', x);
    let tag = x[key];
    if (typeof tag === 'string') tag = tag.trim().toLowerCase();
    const c = typeof tag === 'string' && Object.hasOwn(checks, tag) ? checks[tag]! : fail(`expected one of ${Object.keys(shapes).join(', ')}, got ${String(tag)}`, key);
    // The tag first, then the fields, into one fresh object (no second copy).
    return c(x, { [key]: tag });
  }) as never;
};
