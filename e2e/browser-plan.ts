/** Where the e2e tests look first: Debian's Chromium (`apt-get install chromium`). `e2e-env.ts` launches it. */
export const systemChromiumPath = '/usr/bin/chromium';

/** What `e2e/ensure-browser.ts` found out about the machine before the e2e tests start. */
export interface BrowserFacts {
  /** `/usr/bin/chromium` exists and is executable. */
  systemChromium: boolean;
  /** Playwright's own Chromium: started and closed ('ready'), not downloaded ('missing'), or there but failing. */
  playwrightChromium: 'ready' | 'missing' | 'fails-to-start';
  /** The process runs as root (uid 0), so it may install system packages. */
  isRoot: boolean;
  /** `apt-get` is on the PATH (Debian, Ubuntu). */
  hasAptGet: boolean;
}

export type Step = { command: string; args: string[]; env?: Record<string, string> };

export type BrowserPlan = Ready | { kind: 'install'; how: 'apt-get' | 'playwright'; steps: Step[] } | Stop;

const aptSteps: Step[] = [
  { command: 'apt-get', args: ['update', '-qq'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
  { command: 'apt-get', args: ['install', '-y', '-qq', 'chromium'], env: { DEBIAN_FRONTEND: 'noninteractive' } },
];
const playwrightSteps: Step[] = [{ command: 'npx', args: ['playwright', 'install', 'chromium'] }];

/**
 * The one command a person runs when the script cannot get a browser by itself: Debian's package where
 * root is needed for it; otherwise (root already tried apt-get, or no apt-get) Playwright's browser with
 * the system libraries it needs.
 */
export function fixCommand(facts: Pick<BrowserFacts, 'hasAptGet' | 'isRoot'>): string {
  return facts.hasAptGet && !facts.isRoot
    ? 'sudo apt-get install -y chromium'
    : 'npx playwright install --with-deps chromium';
}

type Ready = { kind: 'ready'; browser: 'system' | 'playwright' };
type Stop = { kind: 'stop'; reason: string; fix: string };

function readyBrowser(facts: BrowserFacts): Ready | null {
  if (facts.systemChromium) return { kind: 'ready', browser: 'system' };
  if (facts.playwrightChromium === 'ready') return { kind: 'ready', browser: 'playwright' };
  return null;
}

/**
 * Decides how the e2e tests get a browser. A browser already there is used as it is; otherwise the
 * machine's own package manager installs Chromium where we may (root with apt-get), else Playwright
 * downloads its own into the user's cache. A Playwright Chromium that is there and still fails to
 * start lacks system libraries, which only root can add: stop and say the command.
 */
export function planBrowser(facts: BrowserFacts): BrowserPlan {
  const ready = readyBrowser(facts);
  if (ready) return ready;
  if (facts.isRoot && facts.hasAptGet) return { kind: 'install', how: 'apt-get', steps: aptSteps };
  if (facts.playwrightChromium === 'fails-to-start') {
    return {
      kind: 'stop',
      reason:
        "Playwright's Chromium is downloaded but does not start (system libraries missing; adding them needs root).",
      fix: fixCommand(facts),
    };
  }
  return { kind: 'install', how: 'playwright', steps: playwrightSteps };
}

/** The second look, after an install ran: what is still missing then is not retried. */
export function checkAfterInstall(facts: BrowserFacts): Ready | Stop {
  return (
    readyBrowser(facts) ?? {
      kind: 'stop',
      reason: 'The install finished, but no Chromium starts.',
      fix: fixCommand(facts),
    }
  );
}
