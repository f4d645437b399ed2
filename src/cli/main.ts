// The `hearth` command dispatcher. Each command lives in its own module, loaded only when used,
// so `hearth serve` never pays for the trainer and vice versa.
import { CliError } from './cli-error';

/** A CLI command: a one-line summary for `hearth --help` and a lazily loaded runner. */
export interface CommandEntry {
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the exit status. */
  load: () => Promise<{ run: (argv: string[]) => Promise<number> }>;
}

/** The command table. To add a command, add one entry here pointing at its module. */
export const COMMANDS: Record<string, CommandEntry> = {
  train: { summary: 'train the recommender on a dataset and export it', load: () => import('./train-command') },
  eval: { summary: 'evaluate a model (or the popularity baseline) on a dataset', load: () => import('./eval-command') },
  serve: { summary: 'run the federated aggregation server (HTTP + SQLite)', load: () => import('./serve') },
  simulate: { summary: 'simulate federated learning with DP on a dataset, next to central training', load: () => import('./simulate') },
  propensity: { summary: 'train or evaluate the purchase-propensity model', load: () => import('../propensity/propensity-command') },
};

function topHelp(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: hearth <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun \`hearth <command> --help\` for a command's options.\n`;
}

/**
 * Runs the `hearth` CLI with `argv` (the arguments after the program name) and resolves to the
 * exit status. Never throws: bad input prints one clear line to stderr and returns non-zero.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(topHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`hearth: unknown command '${name}'\n\n${topHelp()}`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(`hearth ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    // Unexpected failures still get a readable first line; the stack only with HEARTH_DEBUG.
    const e = err as Error;
    process.stderr.write(`hearth ${name}: ${e?.message ?? String(err)}\n`);
    if (process.env.HEARTH_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    return 1;
  }
}
