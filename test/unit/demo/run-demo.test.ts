import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

// demo/run.mjs as a process: bad input exits with a reason, a good start prints the URL and
// serves the catalog, and SIGINT (Ctrl-C) stops it cleanly.
function run(args: string[]) {
  const child = spawn(process.execPath, ['demo/run.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  return { child, out: () => out, err: () => err };
}

describe('demo/run.mjs', () => {
  it('rejects a bad port with a clear message and exit code 2', async () => {
    const p = run(['--port', 'nope']);
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(2);
    expect(p.err()).toContain('--port must be a port number 0–65535, got nope');
    expect(p.err()).not.toMatch(/at .*\.mjs:\d+/); // no stack trace
  });

  it('prints --help and exits 0', async () => {
    const p = run(['--help']);
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(0);
    expect(p.out()).toContain('Usage: npm run demo');
  });

  it('serves /catalog.json on the printed URL and stops cleanly on SIGINT', async () => {
    const p = run(['--port', '0', '--no-train', '--no-aggregation']);
    const url = await new Promise<string>((resolve, reject) => {
      p.child.stdout.on('data', () => {
        const m = p.out().match(/http:\/\/127\.0\.0\.1:\d+\//);
        if (m) resolve(m[0]);
      });
      p.child.on('exit', (c) => reject(new Error(`exited ${c}: ${p.err()}`)));
    });
    const catalog = (await (await fetch(`${url}catalog.json`)).json()) as unknown[];
    expect(catalog.length).toBeGreaterThanOrEqual(1000);
    const missing = await fetch(`${url}product/does-not-exist`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('We couldn’t find a product');
    const down = await fetch(`${url}v1/status`);
    expect(down.status).toBe(502);
    p.child.kill('SIGINT');
    const [code] = await once(p.child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${url}catalog.json`)).rejects.toThrow();
  });
});
