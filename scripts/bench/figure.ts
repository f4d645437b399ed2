// One benchmark figure: a measured number, or the reason it could not be measured.

/**
 * - `ok`: measured;
 * - `missing`: the part it measures is not built yet (not a failure);
 * - `unavailable`: the environment prevented it (no Chromium, port in use, a peer fails to load);
 * - `failed`: the part exists but measuring it broke (a failure when the figure is Hearth's).
 */
export type FigureStatus = 'ok' | 'missing' | 'unavailable' | 'failed';

/** A figure as reported in the table and in the JSON line. */
export interface Figure {
  /** JSON key from the issue, e.g. `tracker_gz_bytes`. */
  key: string;
  /** Human label for the table. */
  label: string;
  /** Unit as printed: `B`, `µs`, `ms`, `s`, `/s`, `MB`, `×` or empty. */
  unit: string;
  /** True for Hearth's own figures; false for baselines and peers. */
  hearth: boolean;
  status: FigureStatus;
  /** The median (or the named percentile) of `reps` repetitions; null unless status is ok. */
  value: number | null;
  /** Repetitions behind the value (0 when not measured). */
  reps: number;
  /** Why it was not measured, or how it was measured (shown in the table). */
  note?: string;
}

/** Static description of a figure: everything but the outcome. */
export type FigureSpec = Pick<Figure, 'key' | 'label' | 'unit' | 'hearth'>;

/** Thrown by a measurement when the part it needs does not exist yet. */
export class MissingPart extends Error {
  override name = 'MissingPart';
}

/** Thrown by a measurement when the environment prevents it (Chromium, port, peer package). */
export class Unavailable extends Error {
  override name = 'Unavailable';
}

/** A measured figure; rejects non-finite values so a broken run is never reported as a number. */
export function measured(spec: FigureSpec, value: number, reps: number, note?: string): Figure {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RangeError(`${spec.key}: measured value must be finite, got ${String(value)}`);
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`${spec.key}: repetitions must be a positive integer, got ${String(reps)}`);
  return { ...spec, status: 'ok', value, reps, ...(note ? { note } : {}) };
}

/** A figure that could not be measured, with the reason taken from the error's kind. */
export function notMeasured(spec: FigureSpec, error: unknown): Figure {
  const status: FigureStatus = error instanceof MissingPart ? 'missing' : error instanceof Unavailable ? 'unavailable' : 'failed';
  return { ...spec, status, value: null, reps: 0, note: reasonOf(error) };
}

/** A one-line reason from any thrown value (first line of the message, never a stack). */
export function reasonOf(error: unknown): string {
  const msg = error instanceof Error ? error.message : String(error);
  const line = msg.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  return line.trim().slice(0, 300);
}

/** True when the run must exit non-zero: a Hearth figure whose part exists failed. */
export function hasHearthFailure(figures: readonly Figure[]): boolean {
  return figures.some((f) => f.hearth && f.status === 'failed');
}
