import { issuePairingCode } from '../../auth/pairing';
import { UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'pair',
  summary: 'Print a one-time code that pairs one POS tablet with a branch.',
  usage: 'pair <branch-id>',
  help: `Prints a code like ABCD-1234. Type it on the tablet's POS screen; it works once and expires
after PAIRING_CODE_TTL_MINUTES. Example: npm run ecomarket -- pair sucursal-001`,
  async run(ctx) {
    const branchId = ctx.args[0];
    if (!branchId) throw new UsageError('pair needs a branch id, e.g. npm run ecomarket -- pair sucursal-001');
    const db = await ctx.openDb();
    const { code, expiresAt } = await issuePairingCode(db, branchId, ctx.config.pairingCodeTtlMinutes);
    console.log(
      `Pairing code for ${branchId}: ${code}\nType it on the tablet's POS screen before ${new Date(expiresAt).toLocaleString()}. It works once.`,
    );
    return 0;
  },
};
