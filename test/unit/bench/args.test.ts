import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../scripts/bench/args';

const groups = ['sizes', 'track-cost'];

describe('parseArgs', () => {
  it('has safe defaults', () => {
    expect(parseArgs([], groups)).toEqual({ quick: false, json: false, build: true, port: 0, only: [], out: 'BENCHMARKS.md', help: false });
  });
  it('reads every option', () => {
    expect(parseArgs(['--quick', '--json', '--no-build', '--port', '8080', '--only', 'sizes', '--out', 'x.md'], groups))
      .toMatchObject({ quick: true, json: true, build: false, port: 8080, only: ['sizes'], out: 'x.md' });
  });
  it('rejects bad input with a clear message', () => {
    expect(() => parseArgs(['--port', 'abc'], groups)).toThrow(/--port must be an integer/);
    expect(() => parseArgs(['--port', '70000'], groups)).toThrow(/--port must be an integer/);
    expect(() => parseArgs(['--port'], groups)).toThrow(/--port needs a value/);
    expect(() => parseArgs(['--only', 'nope'], groups)).toThrow(/unknown group\(s\) nope; known: sizes, track-cost/);
    expect(() => parseArgs(['--fast'], groups)).toThrow(/unknown option "--fast"/);
  });
});
