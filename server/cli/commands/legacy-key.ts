import { runLegacyKeyCommand } from '../../legacy/legacy-keys';
import type { CliCommand } from '../cli-command';

export const command: CliCommand = {
  name: 'legacy-key',
  summary: "Issue, list or revoke a branch's key to the seed's legacy API (/legacy/<key>).",
  usage: 'legacy-key issue <branch-id> | list | revoke <key-prefix-or-id>',
  help: `The seed's Python branch prototype reports sales to CENTRAL_API_URL with no credentials, so
the URL carries a secret key issued for one branch: http://<server>:8000/legacy/<key>.
  issue <branch-id>         prints a new key once (only its hash is stored)
  list                      every key: id, branch, first characters, sales received, status
  revoke <prefix-or-id>     the key's URL answers 404 from then on
Example: npm run ecomarket -- legacy-key issue sucursal-001`,
  async run(ctx) {
    const db = await ctx.openDb();
    const host = ctx.config.host === '0.0.0.0' || ctx.config.host === '::' ? '<server-address>' : ctx.config.host;
    return runLegacyKeyCommand(
      db,
      ctx.args,
      { log: (l) => console.log(l), error: (l) => console.error(l) },
      `http://${host}:${ctx.config.port}`,
    );
  },
};
