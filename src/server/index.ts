// Node entry of the aggregation server (dist/node/server.js): mount it, or start it standalone.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAggregationServer } from './aggregation-server';
import type { AggregationServer } from './aggregation-server';
import type { AggregationServerOptions } from './server-options';

export { createAggregationServer } from './aggregation-server';
export type { AggregationServer } from './aggregation-server';
export { AggregationEngine } from './aggregation-engine';
export type { AggregationServerOptions, SeedModel } from './server-options';
export { computeEpsilon, composeEpsilon, calibrateNoiseMultiplier } from './privacy-accountant';

/** A standalone server: its base URL, the mounted aggregation server, and close(). */
export interface StartedServer {
  url: string;
  server: AggregationServer;
  close(): Promise<void>;
}

/**
 * Starts the aggregation server on `port` (0 = any free port) and `host` (default 127.0.0.1).
 * Resolves once it listens; every non-/v1 route answers 404.
 */
export async function startServer(opts: AggregationServerOptions & { port?: number; host?: string }): Promise<StartedServer> {
  const { port = 0, host = '127.0.0.1', ...rest } = opts;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError('startServer: port must be an integer in [0, 65535]');
  const agg = createAggregationServer(rest);
  const http = createServer((req, res) => {
    agg.handler(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(JSON.stringify({ error: 'no such route', reason: 'not_found' }));
      }
    }, () => res.end());
  });
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host, () => resolve());
    });
  } catch (e) {
    agg.close();
    throw e;
  }
  const addr = http.address() as AddressInfo;
  return {
    url: `http://${host}:${addr.port}`,
    server: agg,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections?.();
        http.close(() => { agg.close(); resolve(); });
      }),
  };
}
