/** A gap longer than this starts a new session (the analytics-industry default). */
export const SESSION_GAP_MS = 30 * 60 * 1000;

/** Running session bookkeeping over events in time order. */
export interface SessionState {
  sessions: number;
  /** Start and last event time of the current session. */
  start: number;
  last: number;
  events: number;
  /** Last event time of the previous session (null when there was none). */
  previousEnd: number | null;
}

/** Folds one event time (non-decreasing) into the session state. Pure. */
export function updateSession(s: SessionState | null, ts: number): SessionState {
  if (!s) return { sessions: 1, start: ts, last: ts, events: 1, previousEnd: null };
  if (ts - s.last > SESSION_GAP_MS) return { sessions: s.sessions + 1, start: ts, last: ts, events: 1, previousEnd: s.last };
  return { ...s, last: Math.max(s.last, ts), events: s.events + 1 };
}
