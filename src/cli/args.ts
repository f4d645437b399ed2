import { parseArgs } from 'node:util';
import { CliError } from './cli-error';

/** One option of a command: its type, an optional default and a line of help. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  help: string;
  default?: string | boolean;
  required?: boolean;
}

/** A command's option table, keyed by long option name (without `--`). */
export type OptionTable = Record<string, OptionSpec>;

/** Parsed values: strings for string options, booleans for flags (absent ones are undefined). */
export type ParsedOptions = Record<string, string | boolean | undefined>;

/**
 * Renders `--help` text for a command from its usage line and option table.
 */
export function formatHelp(usage: string, summary: string, options: OptionTable): string {
  const rows = Object.entries({ ...options, help: { type: 'boolean', help: 'show this help' } as OptionSpec }).map(
    ([name, o]) => {
      const flag = o.type === 'string' ? `--${name} VALUE` : `--${name}`;
      const def = o.default !== undefined ? ` (default: ${String(o.default)})` : o.required ? ' (required)' : '';
      return `  ${flag.padEnd(24)} ${o.help}${def}`;
    },
  );
  return `Usage: ${usage}\n\n${summary}\n\nOptions:\n${rows.join('\n')}\n`;
}

/**
 * Parses `argv` strictly against `options`: unknown options, missing values, stray positional
 * arguments and missing required options all throw a CliError (exit 2) that names the problem.
 * Returns `null` when `--help` was asked for (the caller prints help and exits 0).
 */
export function parseOptions(argv: string[], options: OptionTable): ParsedOptions | null {
  const config: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const [name, o] of Object.entries(options)) config[name] = { type: o.type };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new CliError(`${(err as Error).message.split('\n')[0]} (see --help)`, 2);
  }
  if (values.help) return null;
  const out: ParsedOptions = {};
  for (const [name, o] of Object.entries(options)) {
    const v = values[name] ?? o.default;
    if (v === undefined && o.required) throw new CliError(`missing required option --${name} (see --help)`, 2);
    out[name] = v;
  }
  return out;
}

/** Reads an integer option in [min, max] or throws a CliError naming the option. */
export function intOption(values: ParsedOptions, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || n < min || n > max) {
    throw new CliError(`--${name} must be an integer in [${min}, ${max}], got '${String(raw)}'`, 2);
  }
  return n;
}

/** Reads a number option in [min, max] or throws a CliError naming the option. */
export function numberOption(values: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`--${name} must be a number in [${min}, ${max}], got '${String(raw)}'`, 2);
  }
  return n;
}

/** Reads an option that must be one of `choices` (exit 2 naming them otherwise). */
export function choiceOption<T extends string>(values: ParsedOptions, name: string, choices: readonly T[]): T {
  const raw = values[name];
  if (!choices.includes(raw as T)) throw new CliError(`--${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got '${String(raw)}'`, 2);
  return raw as T;
}
