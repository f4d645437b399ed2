// The device-side receipt of an upload: read from the encoded update itself (the codec's own
// inspectUpdate), so it can only ever say what the server was sent.
import type { LastUpdateSummary, PrivacySpend } from '../protocol';
import { inspectUpdate } from './update-codec';

/**
 * Summarises an encoded update the server acknowledged: its size, clip norm, base version and
 * quantisation from the update, plus the server's last known privacy spend. Throws a RangeError
 * when `body` is not a valid encoded update.
 */
export function summariseSentUpdate(body: Uint8Array, updateId: string, privacy: PrivacySpend | null, sentAt: number): LastUpdateSummary {
  let u;
  try {
    u = inspectUpdate(body);
  } catch (e) {
    throw new RangeError(`summariseSentUpdate: body is not an encoded update (${(e as Error).message})`);
  }
  return {
    updateId,
    bytes: body.length,
    clipNorm: u.clipNorm,
    baseVersion: u.baseVersion,
    quantisation: u.quantisation,
    sentAt,
    // JSON carries ε = ∞ (no noise) as null: unknown and unbounded read the same here.
    epsilon: typeof privacy?.epsilon === 'number' ? privacy.epsilon : null,
    delta: typeof privacy?.delta === 'number' ? privacy.delta : null,
  };
}
