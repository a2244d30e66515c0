import fs from 'node:fs';
import { systemChromiumPath } from './browser-plan';

/** Debian's Chromium when present (this project's machines); Playwright's own browser elsewhere. */
export const chromiumPath = fs.existsSync(systemChromiumPath) ? systemChromiumPath : undefined;

/** Chromium's flags for the e2e tests and the POS benchmark: no sandbox, GPU or first-run background traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
