import { resetManagerPassword } from '../../auth/manager-accounts';
import { PASSWORD_ENV, readNewPassword } from '../read-password';
import { stringOption, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'reset-password',
  summary: "Set a manager's new password; their open sessions end.",
  usage: 'reset-password --email <email>',
  help: `Asks for the new password twice in the terminal, or reads ${PASSWORD_ENV} in scripts; never
printed; at least 10 characters. Every console session of that manager ends at once.`,
  options: { email: { type: 'string' } },
  async run(ctx) {
    const email = stringOption(ctx, 'email');
    if (!email) throw new UsageError('reset-password needs --email.');
    const password = await readNewPassword(email);
    if (password === null) return 1;
    await resetManagerPassword(await ctx.openDb(), email, password);
    console.log(`New password set for ${email.trim().toLowerCase()}; their earlier sessions are ended.`);
    return 0;
  },
};
