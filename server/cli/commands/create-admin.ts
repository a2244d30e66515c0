import { createManagerAccount } from '../../auth/manager-accounts';
import { PASSWORD_ENV, readNewPassword } from '../read-password';
import { stringOption, UsageError, type CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'create-admin',
  summary: 'Create an administrator account for the manager console.',
  usage: 'create-admin --email <email> --name <name>',
  help: `Asks for the password twice in the terminal (nothing is shown while typing). For scripts,
set ${PASSWORD_ENV} instead; the password is never printed. At least 10 characters.
Example: npm run ecomarket -- create-admin --email ana@ecomarket.example --name "Ana Pérez"`,
  options: { email: { type: 'string' }, name: { type: 'string' } },
  async run(ctx) {
    const email = stringOption(ctx, 'email');
    const name = stringOption(ctx, 'name');
    if (!email || !name) throw new UsageError('create-admin needs --email and --name.');
    const password = await readNewPassword(email);
    if (password === null) return 1;
    const db = await ctx.openDb();
    const { id } = await createManagerAccount(db, { email, name, role: 'admin', password });
    console.log(
      `Created administrator ${name} <${email.trim().toLowerCase()}> (id ${id}). It can sign in to the manager console now.`,
    );
    return 0;
  },
};
