import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import type { ConsoleAccount } from './console-accounts';

/** The console's shell as a manager uses it: sign-in, navigation, language, the offline banner. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  /**
   * A manager's own browser window (a desktop screen unless `options` say otherwise), the console
   * open at `path` and signed in as `account`; beside the tablet the test drives.
   */
  static async inNewWindow(
    browser: Browser,
    account: Pick<ConsoleAccount, 'email' | 'password'>,
    path: string,
    options: BrowserContextOptions = { viewport: { width: 1366, height: 768 } },
  ): Promise<{ context: BrowserContext; page: Page; consolePage: ConsolePage }> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const consolePage = new ConsolePage(page);
    await consolePage.openSignedIn(path, account);
    return { context, page, consolePage };
  }

  async open(path = ''): Promise<void> {
    await this.page.goto(`/console${path}`);
  }

  /** Opens the console at `path` and signs in there as `account`. */
  async openSignedIn(path: string, account: Pick<ConsoleAccount, 'email' | 'password'>): Promise<void> {
    await this.open(path);
    await this.signIn(account);
  }

  async signIn(account: Pick<ConsoleAccount, 'email' | 'password'>): Promise<void> {
    await this.page.getByLabel('Correo electrónico').fill(account.email);
    await this.page.getByLabel('Contraseña').fill(account.password);
    await this.page.getByRole('button', { name: 'Entrar' }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await expect(this.signInHeading()).toBeVisible();
  }

  signInHeading() {
    return this.page.getByRole('heading', { name: 'Iniciar sesión' });
  }

  nav() {
    return this.page.getByRole('navigation', { name: 'Secciones de la consola' });
  }

  /** On a tablet the navigation hides behind the Menu button. */
  async goTo(section: string): Promise<void> {
    const menu = this.page.getByRole('button', { name: 'Menú' });
    if (await menu.isVisible()) await menu.click();
    await this.nav().getByRole('link', { name: section }).click();
  }

  offlineBanner() {
    return this.page.getByRole('alert').filter({ hasText: 'Se perdió la conexión con el servidor' });
  }

  /** axe-core: no serious or critical violation on what is on screen now. */
  async expectAccessible(): Promise<void> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
      'serious or critical accessibility violations',
    ).toEqual([]);
  }

  /** A full-page screenshot for the review of every page at laptop and tablet size. */
  async screenshot(name: string): Promise<void> {
    for (const [label, size] of [
      ['laptop', { width: 1366, height: 768 }],
      ['tablet', { width: 1024, height: 768 }],
    ] as const) {
      await this.page.setViewportSize(size);
      await this.page.screenshot({ path: `${screenshotDir()}/${name}-${label}.png`, fullPage: true });
    }
    await this.page.setViewportSize({ width: 1366, height: 768 });
  }
}

function screenshotDir(): string {
  return process.env.CONSOLE_SCREENSHOTS ?? 'test-results/console-screenshots';
}
