import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** docs/screens/, where `npm run screens` (SCREENS=1) writes the README's pictures. */
export const screensDir = path.resolve(import.meta.dirname, '../../../docs/screens');

/** With SCREENS=1 only: a full-page picture of where a journey stands, for the README. */
export async function saveScreen(page: Page, file: string): Promise<void> {
  if (process.env.SCREENS !== '1') return;
  fs.mkdirSync(screensDir, { recursive: true });
  await page.screenshot({ path: path.join(screensDir, file), fullPage: true });
}
