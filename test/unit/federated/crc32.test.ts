import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/federated/crc32';
import { seededRandom } from '../../../src/federated/random';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32 (slicing-by-8)', () => {
  it('matches the published CRC-32/IEEE check values', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(ascii('a'))).toBe(0xe8b7be43);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad);
    expect(crc32(new Uint8Array(32).fill(0xff))).toBe(0xff6cab0b);
  });

  it('agrees with zlib for every length 0..80 and unaligned views of a large buffer', () => {
    const r = seededRandom(3);
    const big = new Uint8Array(70_001).map(() => Math.floor(r() * 256));
    const z = zlibCrc32 as unknown as (b: Uint8Array) => number;
    for (let n = 0; n <= 80; n++) expect(crc32(big.subarray(5, 5 + n))).toBe(z(big.subarray(5, 5 + n)));
    for (const off of [0, 1, 3, 7]) expect(crc32(big.subarray(off))).toBe(z(big.subarray(off)));
  });

  it('rejects a non-byte input', () => {
    expect(() => crc32([1, 2, 3] as unknown as Uint8Array)).toThrow(TypeError);
  });
});
