/**
 * Run by `npm run test:e2e` before the build: makes sure a Chromium is there for Playwright, installing one
 * the way this machine allows, or stops at once with the one command that fixes it (see browser-plan.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import {
  checkAfterInstall,
  fixCommand,
  planBrowser,
  systemChromiumPath,
  type BrowserFacts,
  type Step,
} from './browser-plan';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && isExecutable(`${dir}/${command}`));
}

async function probePlaywrightChromium(): Promise<BrowserFacts['playwrightChromium']> {
  try {
    const browser = await chromium.launch({ args: ['--no-sandbox'], timeout: 30_000 });
    await browser.close();
    return 'ready';
  } catch (err) {
    return /Executable doesn't exist/i.test(String(err)) ? 'missing' : 'fails-to-start';
  }
}

async function lookAround(): Promise<BrowserFacts> {
  const systemChromium = isExecutable(systemChromiumPath);
  return {
    systemChromium,
    // Launching Playwright's own only matters (and only costs a second) when Debian's is absent.
    playwrightChromium: systemChromium ? 'missing' : await probePlaywrightChromium(),
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath('apt-get'),
  };
}

function run(step: Step): boolean {
  console.log(`ensure-browser: ${step.command} ${step.args.join(' ')}`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  return result.status === 0;
}

function stop(reason: string, fix: string): never {
  console.error(`\nThe e2e tests need Chromium. ${reason}\nRun this, then npm test again:\n\n    ${fix}\n`);
  process.exit(1);
}

async function ensureBrowser(): Promise<'system' | 'playwright'> {
  const facts = await lookAround();
  const plan = planBrowser(facts);
  if (plan.kind === 'ready') return plan.browser;
  if (plan.kind === 'stop') stop(plan.reason, plan.fix);
  console.log(`ensure-browser: no Chromium found; installing one with ${plan.how}.`);
  for (const step of plan.steps) {
    if (!run(step)) stop(`Installing it with ${plan.how} failed (output above).`, fixCommand(facts));
  }
  const second = checkAfterInstall(await lookAround());
  if (second.kind === 'stop') stop(second.reason, second.fix);
  return second.browser;
}

const browser = await ensureBrowser();
console.log(`ensure-browser: using ${browser === 'system' ? systemChromiumPath : "Playwright's Chromium"}.`);
