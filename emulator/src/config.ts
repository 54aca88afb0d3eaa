import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { demoCluster } from './dws/demo-cluster.ts';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// 0 asks the system for a free port (tests run several emulators side by side).
const port = z.coerce.number().int().min(0).max(65535);

// An empty value in .env (`KEY=`) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default('.data'),
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_PORT: port.default(9443),
  EMULATOR_DBMIND_PORT: port.default(9444),
  EMULATOR_IAM_CONFIG: z
    .string()
    .min(1)
    .default(path.join(packageDir, 'config', 'iam.json')),
  // How much faster than the demo pace simulated provisioning runs: 1 is the demo pace (a creation takes
  // about 30 s), 10 is ten times faster; the real PostgreSQL work always takes what it takes.
  EMULATOR_SPEED: z.coerce.number().positive().max(10_000).default(1),
  EMULATOR_PG_BIN: z.string().min(1).default('/usr/lib/postgresql/15/bin'),
  // `off` skips fsync in the clusters' servers and in initdb: much faster, but a machine crash can lose data.
  EMULATOR_PG_FSYNC: z.enum(['on', 'off']).default('on'),
  /** An OpenAI-compatible endpoint DBMind may use besides its built-in local router (e.g. http://127.0.0.1:11434/v1). */
  EMULATOR_DBMIND_LLM_BASE_URL: optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
  EMULATOR_DBMIND_LLM_API_KEY: optional(z.string()),
  /** Comma-separated model names; empty means every model the endpoint lists. */
  EMULATOR_DBMIND_LLM_MODELS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  EMULATOR_DBMIND_LLM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** How often DBMind's Prometheus scrapes every managed cluster, and DBMind looks at each for alarms. */
  EMULATOR_DBMIND_SAMPLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  /**
   * Where DBMind's Prometheus listens, on 127.0.0.1 only. 0 (the default) picks a free port, printed at start:
   * it is DBMind's own store, and several emulators (tests, checkouts) run side by side.
   */
  EMULATOR_PROMETHEUS_PORT: port.default(0),
  /** How many days of metric history Prometheus keeps on disk. */
  EMULATOR_PROMETHEUS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(15),
  /**
   * Which cluster of the demo project (account `demo`, project `ae-ad-1`) gets the demo data and traffic, by name
   * (`demo-cluster`, the one `npm start` makes there), or `off`. Another project's cluster never does.
   */
  EMULATOR_DBMIND_DEMO_DATA: z.string().min(1).default(demoCluster.name),
});

export type EmulatorConfig = z.infer<typeof envSchema>;

/** Reads the emulator's settings once; a bad value stops it at start naming the variable. */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv): EmulatorConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid emulator configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}
