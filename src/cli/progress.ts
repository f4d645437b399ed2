import cliProgress from 'cli-progress';

/** A progress bar on stderr (silent when stderr is not a terminal unless forced). */
export interface Progress {
  update(done: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * Starts a cli-progress bar on stderr with `label` and optional payload fields shown after it.
 * Without a TTY it prints nothing (logs and --json stay clean).
 */
export function startProgress(label: string, total: number, fields: string[] = []): Progress {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const extra = fields.map((f) => `${f} {${f}}`).join(' | ');
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}${extra ? ` | ${extra}` : ''} | {duration_formatted}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const empty = Object.fromEntries(fields.map((f) => [f, '-']));
  bar.start(total, 0, empty);
  return { update: (done, payload) => bar.update(done, payload), stop: () => bar.stop() };
}
