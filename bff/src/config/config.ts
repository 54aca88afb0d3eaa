import { accessSync, constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isLoopbackHttp, type SsoSettings } from '../auth/sso.ts';

const port = z.coerce.number().int().min(1).max(65535);
const url = z
  .string()
  .url('must be an absolute URL')
  .refine((value) => value.startsWith('https://'), 'must use https://');
const file = z.string().min(1, 'must name a file');
// An empty value in .env (`KEY=`) means "not set".
const optionalFile = z.preprocess((v) => (v === '' ? undefined : v), file.optional());

/** The folder of the package this file belongs to, whether it runs as source (src/config/) or bundled (dist/). */
function packageDir(): string {
  let dir = import.meta.dirname;
  while (!isReadable(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function isReadable(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const proxiesRule = 'must be a comma-separated list of IP addresses or CIDRs (e.g. 10.0.0.0/8,192.0.2.7)';

/**
 * Each entry of TRUSTED_PROXIES, named in the error when it is wrong. A prefix of length 0 is refused though
 * well-formed: it trusts every address, so any client could write its own address into `X-Forwarded-For`
 * and escape the per-address log-in limit.
 */
function checkProxies(entries: string[] | undefined, context: z.RefinementCtx): void {
  for (const entry of entries ?? []) {
    if (entry === '') {
      context.addIssue({ code: 'custom', message: `has an empty entry (a stray comma): ${proxiesRule}` });
    } else if (!proxyAddress.safeParse(entry).success) {
      context.addIssue({
        code: 'custom',
        message: `"${entry}" is not an IP address or CIDR: ${proxiesRule}`,
      });
    } else if (/\/0+$/.test(entry)) {
      context.addIssue({
        code: 'custom',
        message: `"${entry}" trusts every address, so any client could choose the address the console sees: name the proxies' own addresses or networks`,
      });
    }
  }
}

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(8443),
  /** The console's certificate and key; the development PKI's under DATA_DIR by default. */
  TLS_CERT: optionalFile,
  TLS_KEY: optionalFile,
  TLS_CLIENT_CA: optionalFile,
  IAM_ENDPOINT: url,
  DWS_ENDPOINT: url,
  DBMIND_ENDPOINT: url,
  UPSTREAM_CA: optionalFile,
  /** DBMind accepts mutual TLS only: the console's client certificate, its key and the file holding the key's passphrase. */
  DBMIND_CLIENT_CERT: optionalFile,
  DBMIND_CLIENT_KEY: optionalFile,
  DBMIND_CLIENT_KEY_PASSPHRASE_FILE: optionalFile,
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  UPSTREAM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** Per user: answers running at once, questions a minute, bytes kept of one answer. */
  CHAT_RUNNING_ANSWERS: z.coerce.number().int().min(1).max(10_000).default(3),
  CHAT_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  CHAT_ANSWER_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1_048_576)
    .default(1_048_576),
  WEB_DIST: z.string().min(1).default(path.resolve(packageDir(), '../web/dist')),
  DATA_DIR: z.string().min(1).default('.data'),
  /** JSON lines of every state-changing action; default `<DATA_DIR>/logs/audit.log`. */
  AUDIT_LOG: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** Sessions (and resumable chat answers) shared by several BFF processes. */
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^rediss?:\/\/[^\s]+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
  ),
  /**
   * Proxies in front of the console whose `X-Forwarded-For` is believed, comma-separated addresses or CIDRs
   * (Express's `trust proxy`). Unset: the client address is the connection's, and the header is ignored.
   */
  TRUSTED_PROXIES: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.split(',').map((part) => part.trim()) : undefined),
    z.array(z.string()).optional().superRefine(checkProxies),
  ),
  /** The CA a `rediss://` server's certificate is verified against (the system's trust otherwise). */
  REDIS_CA: optionalFile,
  /**
   * A file holding the bearer token a Prometheus scraper sends to `/metrics` from another machine. Unset:
   * `/metrics` answers only a scraper on this machine that reaches the process directly, never through a proxy.
   */
  METRICS_TOKEN_FILE: optionalFile,
  /**
   * Single sign-on with an OpenID Provider: its issuer, the console's client id and the file holding its client
   * secret there, and IAM's id of that provider (`X-Idp-Id`). All of them, with CONSOLE_URL, or none.
   */
  OIDC_ISSUER: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .url({ error: 'must be an absolute URL' })
      .refine(
        (value) => value.startsWith('https://') || isLoopbackHttp(value),
        'must use https:// (http:// only for a provider on this machine: 127.0.0.1, [::1] or localhost)',
      )
      .optional(),
  ),
  OIDC_CLIENT_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  OIDC_CLIENT_SECRET_FILE: optionalFile,
  OIDC_IAM_IDP_ID: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,64}$/,
        'must be IAM’s identity provider id: 1 to 64 letters, digits, "-" or "_"',
      )
      .optional(),
  ),
  /** Shown on the log-in page as "Sign in with <name>". */
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(64).default('single sign-on'),
  /** The console's address as browsers reach it (the provider sends them back under it). */
  CONSOLE_URL: z.preprocess((v) => (v === '' ? undefined : v), url.optional()),
  /** `off` leaves single sign-on as the only way in. */
  PASSWORD_LOGIN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Node's switch that turns certificate checks off for the whole process. The console's upstream
   * connections ask for verification explicitly, which wins over it; refusing it here makes the
   * operator's intent fail loudly instead of looking as if it worked.
   */
  NODE_TLS_REJECT_UNAUTHORIZED: z
    .string()
    .optional()
    .refine(
      (value) => value !== '0',
      'must not be 0: upstream certificates are always verified (point UPSTREAM_CA at the CA that signed them)',
    ),
});

/** A token read from its file: long enough that it cannot be guessed (32 characters unless said). */
function readSecret(
  name: string,
  file: string,
  context: z.RefinementCtx,
  minLength = 32,
): string | undefined {
  const token = isReadable(file) ? readFileSync(file, 'utf8').trim() : undefined;
  if (token === undefined || token.length < minLength || /\s/.test(token)) {
    context.addIssue({
      code: 'custom',
      path: [name],
      message: `${file} must be a readable file holding one token of at least ${minLength} characters`,
    });
    return undefined;
  }
  return token;
}

const configSchema = envSchema.transform(({ NODE_TLS_REJECT_UNAUTHORIZED: _, ...config }, context) => {
  const pki = path.join(config.DATA_DIR, 'pki');
  // Files the console cannot start without: named here, with the variable that moves them, not as an ENOENT later.
  const required = (name: string, value: string | undefined, fallback: string): string => {
    const chosen = value ?? path.join(pki, fallback);
    if (!isReadable(chosen)) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `${chosen} is not a readable file${value ? '' : ' (the default under DATA_DIR/pki)'}`,
      });
    }
    return chosen;
  };
  const files = {
    TLS_CERT: required('TLS_CERT', config.TLS_CERT, 'server.crt'),
    TLS_KEY: required('TLS_KEY', config.TLS_KEY, 'server.key'),
    DBMIND_CLIENT_CERT: required('DBMIND_CLIENT_CERT', config.DBMIND_CLIENT_CERT, 'client.crt'),
    DBMIND_CLIENT_KEY: required('DBMIND_CLIENT_KEY', config.DBMIND_CLIENT_KEY, 'client.key'),
  };
  const passphraseFile = required(
    'DBMIND_CLIENT_KEY_PASSPHRASE_FILE',
    config.DBMIND_CLIENT_KEY_PASSPHRASE_FILE,
    'client.pass',
  );
  const sso = ssoSettings(config, context);
  if (config.PASSWORD_LOGIN === 'off' && !sso) {
    context.addIssue({
      code: 'custom',
      path: ['PASSWORD_LOGIN'],
      message: 'may be off only when single sign-on is configured (OIDC_ISSUER): nobody could sign in',
    });
  }
  const metricsToken = config.METRICS_TOKEN_FILE
    ? readSecret('METRICS_TOKEN_FILE', config.METRICS_TOKEN_FILE, context)
    : undefined;
  const {
    DBMIND_CLIENT_KEY_PASSPHRASE_FILE: __,
    METRICS_TOKEN_FILE: ___,
    OIDC_ISSUER: _issuer,
    OIDC_CLIENT_ID: _clientId,
    OIDC_CLIENT_SECRET_FILE: _secretFile,
    OIDC_IAM_IDP_ID: _idpId,
    OIDC_PROVIDER_NAME: _name,
    ...rest
  } = config;
  return {
    ...rest,
    ...files,
    // Read here, once: the passphrase lives in a file (like the key), never in the environment.
    DBMIND_CLIENT_KEY_PASSPHRASE: isReadable(passphraseFile)
      ? readFileSync(passphraseFile, 'utf8').trim()
      : '',
    AUDIT_LOG: config.AUDIT_LOG ?? path.join(config.DATA_DIR, 'logs', 'audit.log'),
    ...(metricsToken ? { METRICS_TOKEN: metricsToken } : {}),
    ...(sso ? { SSO: sso } : {}),
  };
});

/** The single sign-on settings when any is given: then every one is required, each missing one named. */
function ssoSettings(config: z.infer<typeof envSchema>, context: z.RefinementCtx): SsoSettings | undefined {
  const names = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET_FILE', 'OIDC_IAM_IDP_ID'] as const;
  if (names.every((name) => config[name] === undefined)) return undefined;
  for (const name of [...names, 'CONSOLE_URL'] as const) {
    if (config[name] === undefined) {
      context.addIssue({
        code: 'custom',
        path: [name],
        message: `is required for single sign-on (${names.filter((n) => config[n] !== undefined).join(', ')} set)`,
      });
    }
  }
  const secret = config.OIDC_CLIENT_SECRET_FILE
    ? readSecret('OIDC_CLIENT_SECRET_FILE', config.OIDC_CLIENT_SECRET_FILE, context, 16)
    : undefined;
  const {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_IAM_IDP_ID: iamIdpId,
    CONSOLE_URL: consoleUrl,
  } = config;
  if (!issuer || !clientId || !iamIdpId || !consoleUrl || !secret) return undefined;
  return { issuer, clientId, clientSecret: secret, iamIdpId, consoleUrl, name: config.OIDC_PROVIDER_NAME };
}

export type Config = z.infer<typeof configSchema>;

/**
 * Reads the BFF's configuration once, at boot. A bad value stops the process with the variable's
 * name and the rule it broke; nothing else in the BFF reads `process.env`.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
