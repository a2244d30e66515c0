import { passwordProblem } from '../auth/manager-password';
import { promptHidden } from './password-prompt';

export const PASSWORD_ENV = 'ECOMARKET_ADMIN_PASSWORD';

/**
 * The password from ECOMARKET_ADMIN_PASSWORD (scripts) or typed twice in the terminal without echo.
 * Null after telling the operator what is wrong (on stderr); never prints the password.
 */
export async function readNewPassword(email: string): Promise<string | null> {
  let password = process.env[PASSWORD_ENV];
  if (password === undefined) {
    if (!process.stdin.isTTY) {
      console.error(
        `No terminal to ask for the password: set ${PASSWORD_ENV} for scripts, or run the command in a terminal.`,
      );
      return null;
    }
    password = await promptHidden(`Password for ${email}: `);
    if (!passwordProblem(password) && (await promptHidden('Type it again: ')) !== password) {
      console.error('The two passwords differ; nothing was changed. Run the command again.');
      return null;
    }
  }
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`${problem} Nothing was changed.`);
    return null;
  }
  return password;
}
