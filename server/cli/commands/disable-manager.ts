import { setManagerDisabled } from '../../auth/manager-accounts';
import { stringOption, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'disable-manager',
  summary: 'Stop a manager from signing in (their sessions end at once); --enable undoes it.',
  usage: 'disable-manager --email <email> [--enable]',
  help: 'The account and what it did stay on record; it just cannot sign in until enabled again.',
  options: { email: { type: 'string' }, enable: { type: 'boolean' } },
  async run(ctx) {
    const email = stringOption(ctx, 'email');
    if (!email) throw new UsageError('disable-manager needs --email.');
    const enable = ctx.values.enable === true;
    await setManagerDisabled(await ctx.openDb(), email, !enable);
    console.log(enable ? `${email} can sign in again.` : `${email} is disabled; their sessions are ended.`);
    return 0;
  },
};
