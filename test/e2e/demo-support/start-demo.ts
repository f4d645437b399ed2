import { spawn, type ChildProcess } from 'node:child_process';

/** A running `node demo/run.mjs` for browser tests. */
export interface RunningDemo {
  url: string;
  /** Everything the demo wrote to stderr so far (its log). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the demo exactly as `npm run demo` does (after the build), on a free port, and resolves
 * once it printed its URL. Extra flags (e.g. `--no-aggregation`) pass through. Rejects with the
 * demo's log when it exits or does not print a URL within `timeoutMs` (first run trains the model).
 */
export function startDemo(flags: string[] = [], timeoutMs = 280_000): Promise<RunningDemo> {
  const child: ChildProcess = spawn(process.execPath, ['demo/run.mjs', '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => { err += d; });
  const stop = () => new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGINT');
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void stop(); reject(new Error(`demo did not start in ${timeoutMs} ms:\n${err}`)); }, timeoutMs);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`demo exited with ${code}:\n${err}`)); });
    child.stdout?.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0].replace(/\/$/, ''), log: () => err, stop });
      }
    });
  });
}
