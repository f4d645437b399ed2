import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createSite, itemId, type Site } from './recommend-support/site';

let site: Site;
test.beforeAll(async () => {
  site = await createSite();
  await site.writeModel(4, 'v4');
  writeFileSync(join(site.dir, 'shop.html'), `<!doctype html><meta charset="utf-8"><title>shop</title>
<script src="hearth.iife.js" data-hearth data-autocapture="false" data-model-url="model/manifest.json" data-backend="cpu"></script>
<div id="recs" data-hearth-recs data-k="3" data-context="${itemId(10)},${itemId(11)}">
  <template><a class="tile" href="/p/{{id}}" data-rank="{{rank}}">{{id}} because of {{reason}}</a></template>
</div>`);
});
test.afterAll(async () => { await site?.close(); });

test('script tag: Hearth.recommend() works and [data-hearth-recs] fills from the shop template', async ({ page }) => {
  await page.goto(`${site.url}/shop.html`);
  await expect(page.locator('#recs a.tile')).toHaveCount(3, { timeout: 60_000 });
  const tiles = await page.locator('#recs a.tile').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), tile: a.getAttribute('data-hearth-tile'), text: a.textContent })));
  for (const t of tiles) {
    expect(t.href).toBe(`/p/${t.tile}`);
    expect([itemId(10), itemId(11)]).not.toContain(t.tile);
    expect(t.text).toMatch(new RegExp(`^${t.tile} because of (sku-1[01])?$`));
  }
  expect(await page.locator('#recs').getAttribute('data-hearth-recs-source')).toBe('model');
  const viaApi = await page.evaluate(() => (window as any).Hearth.recommend({ k: 2 }));
  expect(viaApi.items).toHaveLength(2);
});
