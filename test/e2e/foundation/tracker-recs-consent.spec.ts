import { expect, hearthReady, test } from './support';

// The script tag fills [data-hearth-recs] containers (autocapture off here) through the lazy
// part, hearth-lazy.js. With data-require-consent nothing is fetched before consent; a grant
// remembered from an earlier page counts, once it has been read from the device.
const page = (gated: boolean) => `<!doctype html><meta charset="utf-8"><title>recs</title>
<script async src="/dist/hearth.iife.js" data-hearth data-autocapture="false"${gated ? ' data-require-consent' : ''}></script>
<div data-hearth-recs><template><a href="/p/{{id}}">{{id}}</a></template></div>`;

for (const gated of [false, true]) {
  test(`script tag recs containers: ${gated ? 'nothing fetched before consent, fetched once a remembered grant is read' : 'the lazy part is fetched to fill them'}`, async ({ page: p, server, pageErrors }) => {
    const fetched: string[] = [];
    p.on('request', (r) => { if (/hearth-(worker|lazy)/.test(r.url())) fetched.push(new URL(r.url()).pathname); });
    await p.route(`${server.url}/recs.html`, (r) => r.fulfill({ contentType: 'text/html', body: page(gated) }));
    await p.goto(`${server.url}/recs.html`);
    await hearthReady(p);
    if (gated) {
      // The fill runs once the DOM is there; give it time to (wrongly) fetch.
      await p.waitForTimeout(1000);
      expect(fetched).toEqual([]);
      await p.evaluate(() => (window as any).Hearth.consent(true));
      await p.reload();
      await hearthReady(p);
    }
    await expect.poll(() => fetched.includes('/dist/hearth-lazy.js'), { timeout: 10_000 }).toBe(true);
    expect(pageErrors).toEqual([]);
  });
}
