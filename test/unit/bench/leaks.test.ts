import { describe, expect, it } from 'vitest';
import { leakedRequests, SESSION_MARKERS } from '../../../scripts/bench/leaks';
import { longTasksByPhase } from '../../../scripts/bench/session';

const req = (url: string, body: string | Buffer | null = null, method = 'POST') => ({ method, url, body: typeof body === 'string' ? Buffer.from(body) : body });

describe('leakedRequests', () => {
  it('flags ids and queries in JSON bodies and in URLs', () => {
    const leaked = leakedRequests([
      req('http://127.0.0.1/sink/x', JSON.stringify({ type: 'product_view', item: { id: 'hbi-12' } })),
      req('http://127.0.0.1/search?q=hbq-7', null, 'GET'),
      req('http://127.0.0.1/s?q=%68%62%71-7', null, 'GET'),
      req('http://127.0.0.1/v1/model', null, 'GET'),
    ]);
    expect(leaked.map((r) => r.url)).toEqual(['http://127.0.0.1/sink/x', 'http://127.0.0.1/search?q=hbq-7', 'http://127.0.0.1/s?q=%68%62%71-7']);
  });
  it('scans binary and UTF-16 bodies byte for byte', () => {
    const binary = Buffer.concat([Buffer.from([0, 255, 7]), Buffer.from('hbi-3', 'latin1'), Buffer.from([1, 2])]);
    expect(leakedRequests([req('http://127.0.0.1/v1/updates', binary)])).toHaveLength(1);
    expect(leakedRequests([req('http://127.0.0.1/x', Buffer.from('hbc-1', 'utf16le'))])).toHaveLength(1);
  });
  it('passes an encoded model update that carries only numbers', () => {
    const update = Buffer.from(new Float32Array([0.1, -0.2, 3, 4]).buffer);
    expect(leakedRequests([req('http://127.0.0.1/v1/updates', update)])).toHaveLength(0);
  });
  it('rejects bad input', () => {
    expect(() => leakedRequests('x' as never)).toThrow(/array/);
    expect(() => leakedRequests([], [''])).toThrow(/non-empty/);
    expect(SESSION_MARKERS.length).toBeGreaterThan(0);
  });
});

describe('longTasksByPhase', () => {
  it('assigns each long task to the phase it started in and ignores short ones', () => {
    const phases = { tracks: 100, recommendations: 200, finetune: 300, end: 400 };
    const tasks = [{ start: 10, duration: 60 }, { start: 150, duration: 51 }, { start: 150, duration: 50 }, { start: 250, duration: 80 }, { start: 350, duration: 70 }, { start: 390, duration: 90 }];
    expect(longTasksByPhase(tasks, phases)).toEqual({ load: 1, tracks: 1, recommendations: 1, finetune: 2 });
  });
});
