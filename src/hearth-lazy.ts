// The lazily loaded part of Hearth, kept out of the eager tracker so the script tag stays small:
// events(), lastUpdate(), features(), recommend(), propensity() and the worker controls
// (createLazyApi), the filling of [data-hearth-recs] containers and the autocapture of product
// views, dwell time and tile impressions (startLazyCapture, with the JSON-LD/microdata parsing). The npm build splits it into dist/hearth-lazy.esm.js (a
// dynamic import); the script tag loads dist/hearth-lazy.js when first needed (src/load-lazy-script.ts).
export { createLazyApi } from './hearth-lazy-api';
export { fillRecsContainers } from './recommend/fill-recs-containers';
export { startLazyCapture } from './events/autocapture/lazy-capture';
