import { expect, test } from './fixtures';

// The page fixture fails the test on any console error, which is where Chromium reports a
// Content-Security-Policy violation: the docs page must work under the server's CSP.
test('the API docs page renders the OpenAPI document under the CSP, from our own origin only', async ({ page }) => {
  const violations: string[] = [];
  const foreign: string[] = [];
  const origin = new URL(test.info().project.use.baseURL!).origin;
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== origin && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  const response = await page.goto('/api/docs');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: /EcoMarket central server/ })).toBeVisible();
  await page.getByRole('button', { name: /POST \/api\/devices\/pair/ }).click();
  await expect(page.getByText('Spends the code (once) and returns the device token.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('api-docs-1280x800.png') });
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.screenshot({ path: test.info().outputPath('api-docs-800x1280.png') });
  expect(violations).toEqual([]);
  expect(foreign, 'requests to other origins (a CDN)').toEqual([]);
});
