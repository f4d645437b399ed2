import { EventSchema, type HearthEvent } from './schema';
import { inspectInput } from './inspect-input';
import { SchemaIssue } from './mini-schema';
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
  try {
    return { ok: true, event: EventSchema(normaliseEvent(input as Record<string, unknown>), '') };
  } catch (e) {
    if (e instanceof SchemaIssue) return { ok: false, message: `${e.path}: ${e.message}` };
    throw e;
  }
}
