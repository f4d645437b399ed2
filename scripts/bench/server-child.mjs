// Child process for the server-throughput figure: starts the built aggregation server
// (dist/node/server.js) with a seed model of the given shapes and prints its URL as one JSON line.
// Run pinned to one core by scripts/bench/server-throughput.ts.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [serverJs, specFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
let s = 12345;
const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296 - 0.5) * 0.1;
const tensors = spec.tensors.map(({ name, shape }) => {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = rand();
  return { name, shape, values };
});
const { startServer } = await import(pathToFileURL(serverJs).href);
const server = await startServer({ ...spec.options, seed: { tensors, sparse: spec.sparse, config: spec.config } });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => { server.close().then(() => process.exit(0)); });
