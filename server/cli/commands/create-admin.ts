import { createManagerAccount } from '../../auth/manager-accounts';
import { passwordProblem } from '../../auth/manager-password';
import { promptHidden } from '../password-prompt';
import { stringOption, UsageError, type CliCommand } from '../cli-command';

export const PASSWORD_ENV = 'ECOMARKET_ADMIN_PASSWORD';

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
    let password = process.env[PASSWORD_ENV];
    if (password === undefined) {
      if (!process.stdin.isTTY) {
        console.error(`No terminal to ask for the password: set ${PASSWORD_ENV} for scripts, or run the command in a terminal.`);
        return 1;
      }
      password = await promptHidden(`Password for ${email}: `);
      const problem = passwordProblem(password);
      if (problem) {
        console.error(problem);
        return 1;
      }
      if ((await promptHidden('Type it again: ')) !== password) {
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
    const { id } = await createManagerAccount(db, { email, name, role: 'admin', password });
    console.log(`Created administrator ${name} <${email.trim().toLowerCase()}> (id ${id}). It can sign in to the manager console now.`);
    return 0;
  },
};
