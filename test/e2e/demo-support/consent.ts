import { expect, type Page } from '@playwright/test';

/** Opens the shop and answers its consent banner with "Yes, personalise". */
export async function grantConsent(page: Page, url: string): Promise<void> {
  await page.goto(url + '/');
  const yes = page.getByRole('button', { name: 'Yes, personalise' });
  await expect(yes).toBeVisible();
  await yes.click();
  await expect(page.locator('.consent-banner')).toBeHidden();
  expect(await page.evaluate(() => localStorage.getItem('hearth-demo-consent'))).toBe('granted');
}
