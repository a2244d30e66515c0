import type { Page } from '@playwright/test';
import { test } from './fixtures';

/** Screenshots of the POS as it is now, on a 10" tablet in landscape (1024×768) and portrait (800×1280). */
export async function shootTablet(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1024, 768],
    [800, 1280],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
}
