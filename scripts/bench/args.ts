// Command-line options of `npm run bench`, validated with a clear message.

/** Parsed options. */
export interface BenchArgs {
  quick: boolean;
  json: boolean;
  /** Take the quality figures from the cache even in a full run (no retraining). */
  reuseQuality: boolean;
  /** Evaluate this already-trained Beauty model directory instead of training one. */
  qualityModel: string | null;
  build: boolean;
  port: number;
  /** Group names to run (empty = all). */
  only: string[];
  /** Markdown destination; null = BENCHMARKS.md for a full table, none for a partial (--only) run. */
  out: string | null;
  help: boolean;
}

/** Usage text for --help. */
export const usage = `Usage: npm run bench [-- options]

Measures Hearth's size, speed, quality and privacy figures next to real peers (Segment,
Snowplow, full tfjs) in the same run, prints a markdown table with machine info and writes
BENCHMARKS.md. Figures that cannot be measured say which and why.

Options:
  --quick          day-to-day run (< 2 minutes): fewer repetitions, cached peer builds and
                   cached quality results (never retrains)
  --json           also print one JSON object with every figure on the last line
  --reuse-quality  take the quality figures from the cache of an earlier full run
                   instead of retraining (the table says when they were measured)
  --quality-model DIR  instead of training, take a Beauty model that \`hearth train\` (defaults)
                   already wrote to DIR: training time from its manifest, NDCG@10 of DIR and
                   DIR/int8 by \`hearth eval\` in this run
  --no-build       measure dist/ as it is (by default rollup -c runs when src/ is
                   newer than a bundle)
  --port N         port for the loopback bench server (default 0: any free port)
  --only A,B       run only these groups: GROUPS
  --out FILE       where to write the markdown (default BENCHMARKS.md; runs with --only
                   write nothing unless --out is given)
  --help           this text

Exit status: 0 when every Hearth figure that exists was measured (missing parts and an
unavailable browser or peer are reported, not failures); 1 when a Hearth figure failed;
2 on bad options.`;

/** Parses argv (without node and script); throws Error with a readable message on bad input. */
export function parseArgs(argv: readonly string[], groups: readonly string[]): BenchArgs {
  const a: BenchArgs = { quick: false, json: false, reuseQuality: false, qualityModel: null, build: true, port: 0, only: [], out: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--quick': a.quick = true; break;
      case '--json': a.json = true; break;
      case '--reuse-quality': a.reuseQuality = true; break;
      case '--quality-model': a.qualityModel = value(); break;
      case '--no-build': a.build = false; break;
      case '--help': case '-h': a.help = true; break;
      case '--out': a.out = value(); break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) throw new Error(`--port must be an integer 0–65535, got "${v}"`);
        a.port = n;
        break;
      }
      case '--only': {
        a.only = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = a.only.filter((g) => !groups.includes(g));
        if (unknown.length > 0) throw new Error(`unknown group(s) ${unknown.join(', ')}; known: ${groups.join(', ')}`);
        break;
      }
      default:
        throw new Error(`unknown option "${arg}" (see --help)`);
    }
  }
  return a;
}
