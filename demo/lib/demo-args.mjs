// Command-line options of `npm run demo` / `node demo/run.mjs`.

/** The --help text. */
export const DEMO_HELP = `Usage: npm run demo -- [options]   (or: node demo/run.mjs [options])

Builds nothing itself (npm run demo builds first); prepares the demo data and model in
demo/.cache (retrained only when inputs change), starts the aggregation server and the
storefront on 127.0.0.1, and prints the URL. Ctrl-C stops everything.

Options:
  --port P            storefront port (default: $PORT or 5173; 0 picks a free one)
  --retrain           train the demo model again even if the cached one is current
  --no-train          skip training; recommendations fall back to popularity
  --no-aggregation    do not start the aggregation server (shows the "server down" path)
  --help              show this help
`;

/**
 * Parses the demo's arguments. Promises: `{ port, help, train, retrain, aggregation }` with a
 * valid port (0–65535), or throws an Error whose message says what was wrong.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env
 */
export function parseDemoArgs(argv, env = {}) {
  const out = { port: 5173, help: false, train: true, retrain: false, aggregation: true };
  if (env.PORT !== undefined && env.PORT !== '') out.port = parsePort(env.PORT, 'PORT');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--retrain') out.retrain = true;
    else if (a === '--no-train') out.train = false;
    else if (a === '--no-aggregation') out.aggregation = false;
    else if (a === '--port') out.port = parsePort(argv[++i], '--port');
    else if (a.startsWith('--port=')) out.port = parsePort(a.slice(7), '--port');
    else throw new Error(`unknown option: ${a}`);
  }
  return out;
}

function parsePort(value, name) {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(String(value)) || n > 65535) throw new Error(`${name} must be a port number 0–65535, got ${value ?? 'nothing'}`);
  return n;
}
