// The storefront's HTTP server (node:http): server-rendered pages, the catalog, thumbnails,
// the built Hearth bundles, and a same-origin proxy to the aggregation server under /v1/.
import { createServer, request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { CATEGORIES, categoryLabel } from './catalog.mjs';
import { thumbnailSvg } from './thumbnail.mjs';
import { homePage } from '../pages/home.mjs';
import { categoryPage } from '../pages/category.mjs';
import { productPage } from '../pages/product.mjs';
import { searchPage } from '../pages/search.mjs';
import { cartPage, checkoutPage } from '../pages/cart.mjs';
import { notFoundPage } from '../pages/not-found.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.bin': 'application/octet-stream', '.png': 'image/png',
};

/**
 * Creates (does not start) the storefront server. Promises: GET-only pages (`/`, `/category/:id`,
 * `/product/:id`, `/search?q=`, `/cart`, `/checkout`, `/privacy`, `/spa/`), `/catalog.json`,
 * `/thumbs/:id.svg`, `/static/*` (demo/public), `/dist/*` (the built bundles, then `wasmDir`), `/model/*`
 * (the demo model files), and `/v1/*` proxied to `aggregationUrl` (502 with a reason when it is
 * down or not configured). Unknown products and paths get a helpful 404 page, never a blank one.
 * @param {{ catalog: import('./catalog.mjs').Product[], ranking: string[], publicDir: string, distDir: string, modelDir?: string|null, aggregationUrl?: string|null, wasmDir?: string|null }} opts
 */
export function createStorefrontServer(opts) {
  const { catalog, ranking, publicDir, distDir } = opts ?? {};
  if (!Array.isArray(catalog) || catalog.length === 0) throw new TypeError('createStorefrontServer: catalog must be a non-empty array');
  if (!Array.isArray(ranking)) throw new TypeError('createStorefrontServer: ranking must be an array of ids');
  if (typeof publicDir !== 'string' || typeof distDir !== 'string') throw new TypeError('createStorefrontServer: publicDir and distDir are required');
  const byId = new Map(catalog.map((p) => [p.id, p]));
  const rank = new Map(ranking.map((id, i) => [id, i]));
  const byPopularity = [...catalog].sort((a, b) => (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9));
  const byCategory = new Map(CATEGORIES.map((c) => [c.id, byPopularity.filter((p) => p.category === c.id)]));
  const catalogJson = JSON.stringify(catalog);
  const popularJson = JSON.stringify(byPopularity.slice(0, 100).map((p) => p.id));

  const routes = [
    [/^\/$/, () => page(homePage({ popular: byPopularity, byCategory }))],
    [/^\/privacy\/?$/, () => page(homePage({ popular: byPopularity, byCategory }))],
    [/^\/category\/([^/]+)$/, (m) => {
      const label = categoryLabel(m[1]);
      return label ? page(categoryPage({ label, products: byCategory.get(m[1]) })) : page(notFoundPage({ what: `the department “${m[1]}”`, popular: byPopularity }), 404);
    }],
    [/^\/product\/([^/]+)$/, (m) => {
      const p = byId.get(m[1]);
      if (!p) return page(notFoundPage({ what: `a product with id “${m[1]}”`, popular: byPopularity }), 404);
      return page(productPage({ product: p, related: byCategory.get(p.category).filter((x) => x.id !== p.id).slice(0, 6) }));
    }],
    [/^\/search\/?$/, (_m, url) => {
      const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
      return page(searchPage({ query, results: query ? search(byPopularity, query) : [], popular: byPopularity }));
    }],
    [/^\/cart\/?$/, () => page(cartPage())],
    [/^\/checkout\/?$/, () => page(checkoutPage())],
    [/^\/catalog\.json$/, () => ({ status: 200, type: TYPES['.json'], body: catalogJson })],
    [/^\/popular\.json$/, () => ({ status: 200, type: TYPES['.json'], body: popularJson })],
    [/^\/thumbs\/([^/]+)\.svg$/, (m) => {
      const p = byId.get(m[1]);
      return p ? { status: 200, type: TYPES['.svg'], body: thumbnailSvg(p), cache: 'public, max-age=3600' } : { status: 404, type: 'text/plain', body: 'no such product' };
    }],
  ];

  const statics = [
    ['/static/', publicDir], ['/spa/', join(publicDir, 'spa')], ['/dist/', distDir],
    // tfjs .wasm files are looked up next to the worker; serve them from the package if the build did not copy them.
    ...(opts.wasmDir ? [['/dist/', opts.wasmDir]] : []),
    ...(opts.modelDir ? [['/model/', opts.modelDir]] : []),
  ];

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/v1/')) return proxy(req, res, opts.aggregationUrl);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, { status: 405, type: 'text/plain', body: 'GET only' });
      for (const [re, handler] of routes) {
        const m = decodeURIComponent(url.pathname).match(re);
        if (m) return send(res, handler(m, url));
      }
      for (const [prefix, dir] of statics) {
        if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) continue;
        const file = await staticFile(dir, decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
        if (file) return send(res, file);
      }
      send(res, page(notFoundPage({ what: `the page “${url.pathname}”`, popular: byPopularity }), 404));
    } catch (err) {
      send(res, { status: 400, type: 'text/plain', body: `bad request: ${err instanceof Error ? err.message : err}` });
    }
  });
}

function page(body, status = 200) {
  return { status, type: TYPES['.html'], body: String(body) };
}

function send(res, { status, type, body, cache = 'no-store' }) {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/** A file under `dir` (never outside it), or null. */
async function staticFile(dir, rel) {
  const base = resolve(dir);
  const file = normalize(join(base, rel.endsWith('/') ? `${rel}index.html` : rel));
  if (!file.startsWith(base)) return null;
  try {
    return { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
  } catch {
    return null;
  }
}

/** Case-insensitive match on every word of the query against name, brand and department. */
function search(products, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return products.filter((p) => {
    const text = `${p.name} ${p.brand} ${p.category} ${categoryLabel(p.category)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Forwards a /v1/ request to the aggregation server; explains with 502 when it is unreachable. */
function proxy(req, res, target) {
  if (!target) return send(res, { status: 502, type: 'application/json', body: JSON.stringify({ error: 'the aggregation server is not running' }) });
  const url = new URL(req.url ?? '/', target);
  const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) send(res, { status: 502, type: 'application/json', body: JSON.stringify({ error: `the aggregation server is unreachable: ${err.message}` }) });
    else res.destroy();
  });
  req.pipe(upstream);
}
