import { describe, expect, it } from 'vitest';
import { checkAfterInstall, planBrowser, type BrowserFacts } from './browser-plan';

const freshDebianAsRoot: BrowserFacts = {
  systemChromium: false,
  playwrightChromium: 'missing',
  isRoot: true,
  hasAptGet: true,
};

describe('planBrowser: how npm run test:e2e gets its Chromium', () => {
  it("uses Debian's /usr/bin/chromium when it is there, whatever else is", () => {
    expect(planBrowser({ ...freshDebianAsRoot, systemChromium: true })).toEqual({ kind: 'ready', browser: 'system' });
    expect(planBrowser({ ...freshDebianAsRoot, systemChromium: true, playwrightChromium: 'ready' })).toEqual({
      kind: 'ready',
      browser: 'system',
    });
  });

  it("uses Playwright's own Chromium when only that one starts", () => {
    expect(planBrowser({ ...freshDebianAsRoot, playwrightChromium: 'ready', isRoot: false })).toEqual({
      kind: 'ready',
      browser: 'playwright',
    });
  });

  it('as root with apt-get: updates the package lists, then installs Debian’s chromium without questions', () => {
    const plan = planBrowser(freshDebianAsRoot);
    expect(plan.kind).toBe('install');
    if (plan.kind !== 'install') return;
    expect(plan.how).toBe('apt-get');
    expect(plan.steps.map((s) => [s.command, ...s.args].join(' '))).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq chromium',
    ]);
    expect(plan.steps.every((s) => s.env?.DEBIAN_FRONTEND === 'noninteractive')).toBe(true);
  });

  it('as root with apt-get, also replaces a Playwright Chromium that fails to start', () => {
    const plan = planBrowser({ ...freshDebianAsRoot, playwrightChromium: 'fails-to-start' });
    expect(plan).toMatchObject({ kind: 'install', how: 'apt-get' });
  });

  it("without root, or without apt-get: downloads Playwright's Chromium into the user's cache", () => {
    for (const facts of [
      { ...freshDebianAsRoot, isRoot: false },
      { ...freshDebianAsRoot, hasAptGet: false },
      { ...freshDebianAsRoot, isRoot: false, hasAptGet: false },
    ]) {
      const plan = planBrowser(facts);
      expect(plan.kind).toBe('install');
      if (plan.kind !== 'install') return;
      expect(plan.how).toBe('playwright');
      expect(plan.steps.map((s) => [s.command, ...s.args].join(' '))).toEqual(['npx playwright install chromium']);
    }
  });

  it('stops at once with the one command that fixes it when a downloaded Chromium lacks libraries and we are not root', () => {
    expect(planBrowser({ ...freshDebianAsRoot, isRoot: false, playwrightChromium: 'fails-to-start' })).toEqual({
      kind: 'stop',
      reason: expect.stringMatching(/does not start/),
      fix: 'sudo apt-get install -y chromium',
    });
    expect(
      planBrowser({ ...freshDebianAsRoot, isRoot: false, hasAptGet: false, playwrightChromium: 'fails-to-start' }),
    ).toMatchObject({ kind: 'stop', fix: 'npx playwright install --with-deps chromium' });
  });
});

describe('checkAfterInstall: the second look never installs again', () => {
  it('is ready when the install put a browser there', () => {
    expect(checkAfterInstall({ ...freshDebianAsRoot, systemChromium: true })).toEqual({
      kind: 'ready',
      browser: 'system',
    });
    expect(checkAfterInstall({ ...freshDebianAsRoot, isRoot: false, playwrightChromium: 'ready' })).toEqual({
      kind: 'ready',
      browser: 'playwright',
    });
  });

  it('stops with a command that does not repeat what just failed', () => {
    // Root already ran apt-get: the way left is Playwright's browser with its libraries.
    expect(checkAfterInstall(freshDebianAsRoot)).toMatchObject({
      kind: 'stop',
      fix: 'npx playwright install --with-deps chromium',
    });
    // Without root the Playwright download ran: Debian's package needs sudo.
    expect(checkAfterInstall({ ...freshDebianAsRoot, isRoot: false })).toMatchObject({
      kind: 'stop',
      fix: 'sudo apt-get install -y chromium',
    });
  });
});
