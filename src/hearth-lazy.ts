// The lazily loaded part of Hearth, kept out of the eager tracker so the script tag stays small:
// recommend(), propensity() and the worker controls (createRecommendApi), the filling of
// [data-hearth-recs] containers, features() (computeFeatures) and product-page parsing
// (pageProduct: JSON-LD, microdata). The npm build splits it into dist/hearth-lazy.esm.js (a
// dynamic import); the script tag loads dist/hearth-lazy.js when first needed (src/load-lazy-script.ts).
export { createRecommendApi } from './worker/recommend-api';
export { fillRecsContainers } from './recommend/fill-recs-containers';
export { computeFeatures } from './features/compute-features';
export { pageProduct } from './events/autocapture/page-product';
