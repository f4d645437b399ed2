import { describe, expect, it } from 'vitest';
import { parseDemoArgs } from '../../../demo/lib/demo-args.mjs';

describe('parseDemoArgs', () => {
  it('defaults to port 5173, training and the aggregation server on', () => {
    expect(parseDemoArgs([], {})).toEqual({ port: 5173, help: false, train: true, retrain: false, aggregation: true });
  });

  it('takes the port from PORT, overridden by --port', () => {
    expect(parseDemoArgs([], { PORT: '8080' }).port).toBe(8080);
    expect(parseDemoArgs(['--port', '0'], { PORT: '8080' }).port).toBe(0);
    expect(parseDemoArgs(['--port=9000']).port).toBe(9000);
  });

  it('reads the switches', () => {
    expect(parseDemoArgs(['--no-train', '--no-aggregation', '--retrain', '--help'])).toMatchObject({ train: false, aggregation: false, retrain: true, help: true });
  });

  it('rejects bad ports and unknown options with a clear message', () => {
    expect(() => parseDemoArgs(['--port', 'abc'])).toThrow('--port must be a port number 0–65535, got abc');
    expect(() => parseDemoArgs(['--port'])).toThrow(/got nothing/);
    expect(() => parseDemoArgs(['--port', '70000'])).toThrow(/0–65535/);
    expect(() => parseDemoArgs([], { PORT: '-1' })).toThrow(/PORT must be/);
    expect(() => parseDemoArgs(['--bogus'])).toThrow('unknown option: --bogus');
  });
});
