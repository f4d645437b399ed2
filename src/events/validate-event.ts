import { EventSchema, type HearthEvent } from './schema';
import { LIMITS } from './limits';
import { fail, SchemaIssue } from './check-fields';

/** The outcome of validating one `track()` argument. */
export type Validation = { ok: true; event: HearthEvent } | { ok: false; message: string };

/** validateEvent's result plus the clean event as JSON (its size was checked; track() reuses it as the dedupe fingerprint). */
export type CheckedEvent = { ok: true; event: HearthEvent; json: string } | { ok: false; message: string };

/**
 * Checks and normalises raw `track()` input against the event schema. The schema reads only the
 * fields it knows, so cycles or DOM nodes under unknown keys are dropped, never walked. Never
 * throws: returns either the clean event or a message naming the first offending field.
 */
export function validateEvent(input: unknown): Validation {
  const v = checkEvent(input);
  return v.ok ? { ok: true, event: v.event } : v;
}

/** validateEvent, also returning the event's JSON (for track(), which needs it anyway). Never throws. */
export function checkEvent(input: unknown): CheckedEvent {
  try {
    const event = EventSchema(input);
    // The clean event is plain data, so its JSON length is its size.
    const json = JSON.stringify(event);
    if (json.length > LIMITS.eventChars) fail(`is larger than ${LIMITS.eventChars} characters (${json.length})`);
    return { ok: true, event, json };
  } catch (e) {
    // A getter on the host's object may throw anything: refuse the event, never rethrow.
    return { ok: false, message: e instanceof SchemaIssue ? `${e.path || 'event'}: ${e.message}` : `event could not be read: ${(e as Error)?.message ?? e}` };
  }
}
