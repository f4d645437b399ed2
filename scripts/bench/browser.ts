// Real Chromium through Playwright for every browser figure, launched once per run.
import { existsSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { Unavailable } from './figure';
import { chromiumPath } from './machine';
import { chromiumArgs } from '../../test/e2e/support/chromium-args';


/** Launches headless Chromium; throws Unavailable saying why when it is missing or will not start. */
export async function launchChromium(path = chromiumPath()): Promise<Browser> {
  if (!existsSync(path)) throw new Unavailable(`Chromium not found at ${path} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  try {
    const { chromium } = await import('@playwright/test');
    return await chromium.launch({ executablePath: path, headless: true, args: chromiumArgs, timeout: 60_000 });
  } catch (error) {
    throw new Unavailable(`Chromium at ${path} failed to start: ${(error as Error).message.split('\n')[0]}`);
  }
}
