// A tiny schema kit (≈0.5 KB) so the script tag stays small: each schema is a check function
// that returns the clean value or throws a SchemaIssue; TypeScript types are inferred from it.

/** A validation failure at `path` (dot-separated). */
export class SchemaIssue {
  constructor(readonly path: string, readonly message: string) {}
}

/** Returns the clean value or throws a SchemaIssue. */
export type Check<T> = (x: unknown, path: string) => T;
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

const fail = (path: string, message: string): never => { throw new SchemaIssue(path || 'event', message); };
const what = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x === 'number' ? String(x) : typeof x);
/** Throws "expected <want>, got <what x is>" at path `p`. */
export const expected = (p: string, want: string, x: unknown): never => fail(p, `expected ${want}, got ${what(x)}`);

/** A string of at most `max` characters (at least `min`, default 0), optionally matching `re`. */
export const str = (max: number, min = 0, re?: RegExp): Check<string> => (x, p) =>
  typeof x !== 'string' ? expected(p, 'a string', x)
    : !x.length && min ? fail(p, 'is empty')
    : x.length > max ? fail(p, `is longer than ${max} characters`)
    : x.length < min || (re && !re.test(x)) ? fail(p, `is not in the format ${re ?? `of ${min}+ characters`}`)
    : x;

/** A finite number within [min, max]. */
export const num = (min = -Infinity, max = Infinity): Check<number> => (x, p) =>
  typeof x !== 'number' || !Number.isFinite(x) ? expected(p, 'a finite number', x)
    : x < min ? fail(p, `is below ${min}`)
    : x > max ? fail(p, `is above ${max}`)
    : x;

/** Makes a check optional. */
export const opt = <T>(c: Check<T>): Opt<T> => Object.assign((x: unknown, p: string) => (x === undefined ? undefined : c(x, p)), { opt: true as const });

/** An array of `c` with between `min` and `max` entries. */
export const arr = <T>(c: Check<T>, min: number, max: number): Check<T[]> => (x, p) =>
  !Array.isArray(x) ? expected(p, 'an array', x)
    : x.length < min ? fail(p, 'is empty')
    : x.length > max ? fail(p, `has more than ${max} entries`)
    : x.map((v, i) => c(v, `${p}[${i}]`));

const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

// Checks the shape's fields of a plain object `x` into `out` (so variant() can start from its tag).
const fields = (shape: Shape) => (x: Record<string, unknown>, p: string, out: Record<string, unknown>) => {
  for (const k in shape) {
    const v = shape[k]!(x[k], p ? `${p}.${k}` : k);
    if (v !== undefined) out[k] = v;
  }
  return out;
};

/** An object with the given fields; unknown keys are dropped, absent optional fields omitted. */
export const obj = <S extends Shape>(shape: S): Check<InferShape<S>> => {
  const f = fields(shape);
  return (x, p) => (isPlain(x) ? f(x, p, {}) : expected(p, 'an object', x)) as InferShape<S>;
};

/** A record of up to `max` string keys whose values pass `c`. */
export const record = <T>(c: Check<T>, max: number): Check<Record<string, T>> => (x, p) => {
  if (!isPlain(x)) return expected(p, 'an object', x);
  const keys = Object.keys(x);
  if (keys.length > max) fail(p, `has more than ${max} keys`);
  return Object.fromEntries(keys.map((k) => [k, c(x[k], `${p}.${k}`)]));
};

/** A tagged union: `x[key]` picks the shape; the result carries the tag. */
export const variant = <K extends string, M extends Record<string, Shape>>(key: K, shapes: M): Check<{ [T in keyof M]: Flat<{ [_ in K]: T } & InferShape<M[T]>> }[keyof M]> => {
  const checks = Object.fromEntries(Object.entries(shapes).map(([t, s]) => [t, fields(s)]));
  return ((x: unknown, p: string) => {
    if (!isPlain(x)) return expected(p, 'an object', x);
    const tag = x[key];
    const c = typeof tag === 'string' && Object.hasOwn(checks, tag) ? checks[tag]! : fail(key, `expected one of ${Object.keys(shapes).join(', ')}, got ${String(tag)}`);
    // The tag first, then the fields, into one fresh object (no second copy).
    return c(x, p, { [key]: tag });
  }) as never;
};
