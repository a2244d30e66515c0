import { issueSetupCode } from '../../auth/first-run-setup';
import type { CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'setup-code',
  summary: 'Print a new one-time code that creates the first console administrator.',
  usage: 'setup-code',
  help: `Only while no administrator exists. Open /console in a browser, choose to set up, and type
the code with the administrator's email, name and password. The code works once and replaces
the one the server printed at start. Example: npm run ecomarket -- setup-code`,
  async run(ctx) {
    const db = await ctx.openDb();
    const { code, expiresAt } = await issueSetupCode(db);
    console.log(
      `Setup code: ${code}\nOpen /console in a browser and type it to create the first administrator before ${new Date(expiresAt).toLocaleString()}. It works once.`,
    );
    return 0;
  },
};
