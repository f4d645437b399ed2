import type { Page } from '@playwright/test';

/** Recommend config as the page passes it to createHearth({ recommend }). */
export type PageRecommendConfig = Record<string, unknown>;

/** Opens the site's test page and waits for the ESM bundle. */
export async function openSite(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/index.html`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
}

/**
 * Creates `window.h` = createHearth({ dbName, recommend: config, autocapture: false }) on the page
 * and records `history` as product views (resolves when stored).
 */
export async function hearthWithHistory(page: Page, config: PageRecommendConfig, history: string[], extra: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(async ({ config, history, extra }) => {
    const w = window as unknown as { createHearth: (o: unknown) => any; h: any };
    w.h = w.createHearth({ dbName: 'hearth-e2e', autocapture: false, dedupeWindowMs: 0, recommend: config, ...extra });
    for (const id of history) {
      const outcome = await w.h.track({ type: 'product_view', item: { id } });
      if (outcome !== 'stored' && outcome !== 'no-consent') throw new Error(`track: ${outcome}`);
    }
  }, { config, history, extra });
}

/** Runs `hearth.recommend(options)` on the page; returns the result or `{ error: { name, code, message } }`. */
export function recommendOnPage(page: Page, options: unknown): Promise<any> {
  return page.evaluate(async (options) => {
    try {
      return await (window as any).h.recommend(options);
    } catch (e) {
      return { error: { name: (e as Error).name, code: (e as { code?: string }).code, message: (e as Error).message } };
    }
  }, options);
}
