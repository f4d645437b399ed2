// A figure group: one measurement module that yields several related figures. The runner turns
// every outcome (a number, a missing part, an environment problem, a crash) into a Figure, so one
// broken group never hides the others.
import { measured, notMeasured, type Figure, type FigureSpec } from './figure';

/** What a group reports per figure key: a measured value or the error that prevented it. */
export type Outcome = { value: number; reps: number; note?: string } | Error;

/** A measurement module: the figures it can produce and how to produce them. */
export interface FigureGroup<Ctx> {
  name: string;
  specs: readonly FigureSpec[];
  /** Runs the measurement; keys absent from the result are reported as not measured. */
  run(ctx: Ctx): Promise<Record<string, Outcome>>;
}

/**
 * Runs one group and returns exactly one Figure per spec, in spec order. A thrown error marks
 * every figure of the group with that error; an Outcome that is an Error marks only its key.
 */
export async function runGroup<Ctx>(group: FigureGroup<Ctx>, ctx: Ctx): Promise<Figure[]> {
  let outcomes: Record<string, Outcome>;
  try {
    outcomes = await group.run(ctx);
  } catch (error) {
    return group.specs.map((s) => notMeasured(s, error));
  }
  return group.specs.map((s) => toFigure(s, outcomes[s.key], group.name));
}

function toFigure(spec: FigureSpec, outcome: Outcome | undefined, groupName: string): Figure {
  if (outcome === undefined) return notMeasured(spec, new Error(`${groupName} produced no value for ${spec.key}`));
  if (outcome instanceof Error) return notMeasured(spec, outcome);
  try {
    return measured(spec, outcome.value, outcome.reps, outcome.note);
  } catch (error) {
    return notMeasured(spec, error);
  }
}
