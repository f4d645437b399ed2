// Machine info printed above the table: absolute numbers mean little without it.
import { execFile } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import { promisify } from 'node:util';
import type { MachineInfo } from './table';

const run = promisify(execFile);

/** The Chromium executable the browser figures use (CHROMIUM_PATH or Debian's). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** `chromium --version`, or a sentence saying why it is not known. Never throws. */
export async function chromiumVersion(path = chromiumPath()): Promise<string> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 15_000 });
    const line = stdout.split('\n').find((l) => /\d+\.\d+/.test(l));
    return line?.trim() ?? 'unknown (no version printed)';
  } catch (error) {
    return `not available (${(error as NodeJS.ErrnoException).code ?? 'error'} at ${path})`;
  }
}

/** CPU model, cores, memory, OS, Node and Chromium versions of this machine. */
export async function machineInfo(): Promise<MachineInfo> {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() || 'unknown',
    cores: list.length,
    memoryGb: totalmem() / 1024 ** 3,
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: await chromiumVersion(),
  };
}
