import { defineConfig } from '@playwright/test';
import { chromiumArgs } from './test/e2e/support/chromium-args';

/** Browser tests run in Debian's Chromium against the built bundles (npm run build first). */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
});
