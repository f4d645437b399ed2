// `npm run bench` entry: runs the TypeScript harness in scripts/bench/ through tsx.
import { register as registerHook } from 'node:module';
import { register } from 'tsx/esm/api';

registerHook('./bench/node-hooks.mjs', import.meta.url);
register();
const { main } = await import('./bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
