// The device-side receipt of an upload: read from the encoded update's fixed header (layout in
// src/protocol.ts), so it can only ever say what the server was sent.
import type { LastUpdateSummary, PrivacySpend } from '../protocol';

/**
 * Summarises an encoded update the server acknowledged: its size, clip norm, base version and
 * quantisation from the header, plus the server's last known privacy spend. Throws a RangeError
 * when `body` is too short to hold the header.
 */
export function summariseSentUpdate(body: Uint8Array, updateId: string, privacy: PrivacySpend | null, sentAt: number): LastUpdateSummary {
  if (!(body instanceof Uint8Array) || body.length < 19) throw new RangeError('summariseSentUpdate: body is not an encoded update');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return {
    updateId,
    bytes: body.length,
    clipNorm: view.getFloat32(14, true),
    baseVersion: view.getUint32(10, true),
    quantisation: body[4] === 2 ? 'fp16' : 'int8',
    sentAt,
    // JSON carries ε = ∞ (no noise) as null: unknown and unbounded read the same here.
    epsilon: typeof privacy?.epsilon === 'number' ? privacy.epsilon : null,
    delta: typeof privacy?.delta === 'number' ? privacy.delta : null,
  };
}
