import type { ParseArgsConfig } from 'node:util';
import type { ServerConfig } from '../config';
import type { Db } from '../db/database';

type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed --options (declared in the command's `options`). */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  config: ServerConfig;
  /** The server's database, migrated (and seeded on first use); closed by the CLI when run() ends. */
  openDb(): Promise<Db>;
}

/** One operator command: a file under server/cli/commands/, listed once in server/cli/main.ts. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** e.g. "pair <branch-id>" */
  usage: string;
  /** Shown by `<command> --help`: what it does, options, examples. */
  help: string;
  options?: CliOptions;
  /** Exit code: 0 done, 1 refused or failed (say why on stderr). */
  run(ctx: CliContext): Promise<number>;
}

/** A wrong use of a command: main prints the message and the command's usage, exit code 1. */
export class UsageError extends Error {}

export function stringOption(ctx: CliContext, name: string): string | undefined {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : undefined;
}
