import * as v from 'valibot';
import { EventSchema, type HearthEvent } from './schema';
import { inspectInput } from './inspect-input';
import { normaliseEvent } from './normalise-event';

/** The outcome of validating one `track()` argument. */
export type Validation = { ok: true; event: HearthEvent } | { ok: false; message: string };

/**
 * Checks and normalises raw `track()` input against the event schema. Never throws: returns
 * either the clean event or a message naming the first offending field.
 */
export function validateEvent(input: unknown): Validation {
  const problem = inspectInput(input);
  if (problem) return { ok: false, message: problem };
  const result = v.safeParse(EventSchema, normaliseEvent(input as Record<string, unknown>));
  if (result.success) return { ok: true, event: result.output };
  const issue = result.issues[0];
  const path = issue.path?.map((p) => p.key).join('.') || 'event';
  return { ok: false, message: `${path}: ${issue.message}` };
}
