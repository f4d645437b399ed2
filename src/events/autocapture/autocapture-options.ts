/** Which kinds of automatic capture run; each can be switched off. All default to on. */
export interface AutocaptureOptions {
  /** A `page_view` on start and on every SPA route change (origin + path only, no query). */
  pageViews?: boolean;
  /** `product_view` from schema.org Product in JSON-LD and microdata. */
  products?: boolean;
  /** Impressions (custom `impression`) and clicks on `[data-hearth-item]` tiles. */
  tiles?: boolean;
  /** Follow history.pushState/replaceState/popstate as route changes. */
  routes?: boolean;
  /** Visible time on a product page, as custom `dwell` events with props.ms. */
  dwell?: boolean;
}
