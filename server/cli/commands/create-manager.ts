import { createManagerAccount } from '../../auth/manager-accounts';
import { PASSWORD_ENV, readNewPassword } from '../read-password';
import { stringOption, UsageError, type CliCommand } from '../cli-command';

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
    if (!email || !name || branches.length === 0)
      throw new UsageError('create-manager needs --email, --name and at least one --branch.');
    const password = await readNewPassword(email);
    if (password === null) return 1;
    const db = await ctx.openDb();
    const { id } = await createManagerAccount(db, {
      email,
      name,
      role: 'branch_manager',
      branchIds: branches,
      password,
    });
    console.log(
      `Created branch manager ${name} <${email.trim().toLowerCase()}> for ${branches.join(', ')} (id ${id}).`,
    );
    return 0;
  },
};
