import { createManagerAccount } from '../../auth/manager-accounts';
import { passwordProblem } from '../../auth/manager-password';
import { promptHidden } from '../password-prompt';
import { stringOption, UsageError, type CliCommand } from '../cli-command';
import { PASSWORD_ENV } from './create-admin';

export const command: CliCommand = {
  name: 'create-manager',
  summary: 'Create a branch manager account (console, limited to their branches).',
  usage: 'create-manager --email <email> --name <name> --branch <id> [--branch <id>…]',
  help: `A branch manager sees and acts on the given branches only. The password is asked twice in the
terminal, or read from ${PASSWORD_ENV} in scripts; never printed; at least 10 characters.
Example: npm run ecomarket -- create-manager --email luis@ecomarket.example --name "Luis" --branch sucursal-001`,
  options: { email: { type: 'string' }, name: { type: 'string' }, branch: { type: 'string', multiple: true } },
  async run(ctx) {
    const email = stringOption(ctx, 'email');
    const name = stringOption(ctx, 'name');
    const branches = (ctx.values.branch as string[] | undefined) ?? [];
    if (!email || !name || branches.length === 0) throw new UsageError('create-manager needs --email, --name and at least one --branch.');
    let password = process.env[PASSWORD_ENV];
    if (password === undefined) {
      if (!process.stdin.isTTY) {
        console.error(`No terminal to ask for the password: set ${PASSWORD_ENV} for scripts, or run the command in a terminal.`);
        return 1;
      }
      password = await promptHidden(`Password for ${email}: `);
      if (!passwordProblem(password) && (await promptHidden('Type it again: ')) !== password) {
        console.error('The two passwords differ; nothing was created. Run the command again.');
        return 1;
      }
    }
    const problem = passwordProblem(password);
    if (problem) {
      console.error(`${problem} Nothing was created.`);
      return 1;
    }
    const db = await ctx.openDb();
    const { id } = await createManagerAccount(db, { email, name, role: 'branch_manager', branchIds: branches, password });
    console.log(`Created branch manager ${name} <${email.trim().toLowerCase()}> for ${branches.join(', ')} (id ${id}).`);
    return 0;
  },
};
