// A uniform [0,1) source from the OS CSPRNG, for DP noise that must not be predictable.
import { randomFillSync } from 'node:crypto';
import type { Random } from '../federated/random';

/** Returns a Random drawing 53-bit uniforms from node:crypto in batches. */
export function cryptoRandom(): Random {
  const buf = new Uint32Array(2048);
  let i = buf.length;
  return () => {
    if (i >= buf.length) { randomFillSync(buf); i = 0; }
    const hi = buf[i++]! >>> 5;
    const lo = buf[i++]! >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
}
