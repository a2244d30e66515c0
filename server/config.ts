import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every server setting in one place: environment name, default, description. Read once at start,
 * validated, and printed with secrets masked.
 */
const definitions = {
  port: {
    env: 'PORT',
    default: '8000',
    secret: false,
    description: 'TCP port the server listens on (8000, as in the seed).',
  },
  host: {
    env: 'HOST',
    default: '0.0.0.0',
    secret: false,
    description: 'Interface to listen on; 0.0.0.0 lets the store tablets reach it.',
  },
  dataDir: {
    env: 'DATA_DIR',
    default: './data',
    secret: false,
    description: 'Folder of the embedded SQLite database file (used when DATABASE_URL is empty).',
  },
  databaseUrl: {
    env: 'DATABASE_URL',
    default: '',
    secret: true,
    description: 'postgres://… to use PostgreSQL instead of the embedded SQLite file.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    secret: false,
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent.',
  },
  clientDir: {
    env: 'CLIENT_DIR',
    default: './dist',
    secret: false,
    description: 'Folder of the built web apps (npm run build writes it).',
  },
  pairingCodeTtlMinutes: {
    env: 'PAIRING_CODE_TTL_MINUTES',
    default: '15',
    secret: false,
    description: 'Minutes a one-time pairing code stays valid.',
  },
  heartbeatSeconds: {
    env: 'SSE_HEARTBEAT_SECONDS',
    default: '15',
    secret: false,
    description: 'Seconds between heartbeats on live streams.',
  },
  salesPullDays: {
    env: 'SALES_PULL_DAYS',
    default: '30',
    secret: false,
    description:
      "Days of a branch's sales its tablets pull, so a sale can be refunded on another tablet of the branch.",
  },
  tlsCertFile: {
    env: 'TLS_CERT_FILE',
    default: '',
    secret: false,
    description: 'PEM certificate (with its chain) to serve HTTPS directly; needs TLS_KEY_FILE too. Empty: plain HTTP.',
  },
  tlsKeyFile: { env: 'TLS_KEY_FILE', default: '', secret: false, description: 'PEM private key of TLS_CERT_FILE.' },
  managerSessionHours: {
    env: 'MANAGER_SESSION_HOURS',
    default: '12',
    secret: false,
    description: 'Hours a console sign-in lasts before the manager signs in again.',
  },
  signInLimitPerIp: {
    env: 'SIGN_IN_LIMIT_PER_IP',
    default: '30',
    secret: false,
    description: 'Failed console sign-ins allowed per IP address per 15 minutes (then 429).',
  },
  signInLimitPerEmail: {
    env: 'SIGN_IN_LIMIT_PER_EMAIL',
    default: '8',
    secret: false,
    description: 'Failed console sign-ins allowed per email address per 15 minutes (then 429).',
  },
  fleetAlertMinutes: {
    env: 'FLEET_ALERT_MINUTES',
    default: '15',
    secret: false,
    description:
      'Minutes without contact after which a device that still reports unsynced sales raises an alert on the fleet board.',
  },
  pairLimitPerIp: {
    env: 'PAIR_LIMIT_PER_IP',
    default: '10',
    secret: false,
    description: 'Failed pairing attempts allowed per IP address per 15 minutes (then 429).',
  },
  trustProxy: {
    env: 'TRUST_PROXY',
    default: '',
    secret: false,
    description:
      'Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: empty for none (a direct install), loopback for nginx on the same machine, addresses or subnets separated by commas, or a number of hops.',
  },
} as const;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Express's 'trust proxy' from TRUST_PROXY: false, a hop count, or a list of names, addresses and subnets. */
function parseTrustProxy(value: string, ctx: z.RefinementCtx): false | number | string[] {
  const text = value.trim();
  if (text === '') return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const validBits =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address) === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && !(isIP(address) && validBits && rest.length === 0)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not loopback, linklocal, uniquelocal, an IP address, a subnet (10.0.0.0/8) or a number of hops`,
      });
      return z.NEVER;
    }
  }
  return entries;
}

const configSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535),
    host: z.string().min(1),
    dataDir: z.string().min(1),
    databaseUrl: z
      .string()
      .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must start with postgres:// or be empty'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    clientDir: z.string().min(1),
    pairingCodeTtlMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    heartbeatSeconds: z.coerce.number().positive().max(300),
    salesPullDays: z.coerce.number().int().min(1).max(366),
    tlsCertFile: z.string(),
    tlsKeyFile: z.string(),
    managerSessionHours: z.coerce
      .number()
      .positive()
      .max(24 * 30),
    signInLimitPerIp: z.coerce.number().int().min(1),
    signInLimitPerEmail: z.coerce.number().int().min(1),
    pairLimitPerIp: z.coerce.number().int().min(1),
    fleetAlertMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    trustProxy: z.string().transform(parseTrustProxy),
  })
  .refine((c) => !c.tlsCertFile === !c.tlsKeyFile, {
    path: ['tlsCertFile'],
    message: 'set both TLS_CERT_FILE and TLS_KEY_FILE to serve HTTPS, or neither',
  });

export type ServerConfig = z.infer<typeof configSchema> & { databaseKind: 'sqlite' | 'postgres'; sqliteFile: string };
export type ConfigKey = keyof typeof definitions;

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<ConfigKey, string>> = {},
): ServerConfig {
  const raw = Object.fromEntries(
    Object.entries(definitions).map(([key, def]) => [key, overrides[key as ConfigKey] ?? env[def.env] ?? def.default]),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const def = definitions[i.path[0] as ConfigKey];
      return `  ${def?.env ?? String(i.path[0])}: ${i.message}`;
    });
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    databaseKind: c.databaseUrl ? 'postgres' : 'sqlite',
    sqliteFile: path.resolve(c.dataDir, 'ecomarket.sqlite'),
  };
}

/** The configuration as it may be logged: secrets masked. */
export function describeConfig(config: ServerConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(definitions).map(([key, def]) => {
      const value = String(config[key as ConfigKey]);
      return [def.env, def.secret && value ? value.replace(/\/\/([^@/]*)@/, '//***@') : value];
    }),
  );
}

/** Help text for the CLI and README: every setting with its environment name and default. */
export function configHelp(): string {
  return Object.values(definitions)
    .map((d) => `  ${d.env.padEnd(26)} ${d.description} (default: ${d.default || 'empty'})`)
    .join('\n');
}
