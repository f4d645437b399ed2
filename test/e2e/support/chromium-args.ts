/**
 * Flags for headless Debian Chromium, shared by the Playwright config and the benchmark harness.
 * Never --disable-software-rasterizer: it silently kills WebGL (SwiftShader).
 */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-swiftshader',
];
