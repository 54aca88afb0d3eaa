import { z } from 'zod/mini';
import { dbmindEnvelopeSchema } from './envelope.ts';
import { dbmindIdentifierSchema } from './interaction.ts';

const requiredText = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

/** An IPv4 or IPv6 address, or a host name. */
export const dbmindHostPattern =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)$/;

/** One entry of `GET /v1/api/clusters`. The seed prints the instance list as `intances`: read both, write `instances`. */
export const dbmindClusterSchema = z.pipe(
  z.transform((value: unknown) => {
    if (value && typeof value === 'object' && !('instances' in value) && 'intances' in value) {
      const { intances, ...rest } = value as Record<string, unknown>;
      return { ...rest, instances: intances };
    }
    return value;
  }),
  z.object({ cluster_name: z.string(), instances: z.array(z.string()), managed: z.boolean() }),
);
export type DbmindCluster = z.infer<typeof dbmindClusterSchema>;

/** Keyed by the cluster's `host:port`. */
export const dbmindClusterMapSchema = z.record(z.string(), dbmindClusterSchema);
export type DbmindClusterMap = z.infer<typeof dbmindClusterMapSchema>;

/**
 * The answer of `GET /v1/api/clusters`, which the BFF reads before every question. Built once: zod compiles a
 * schema on its first parse, which costs milliseconds of the event loop when the schema is built per call.
 */
export const dbmindClusterListSchema = dbmindEnvelopeSchema(dbmindClusterMapSchema);

/** `host:port`, e.g. `192.168.100.100:8080`. */
export const instanceAddressSchema = z.string(requiredText('a string')).check(
  z.regex(/^(?:\[[0-9A-Fa-f:.]+\]|[^:\s]+):\d{1,5}$/, 'must be host:port, e.g. 192.168.100.100:8080'),
  z.refine((value) => {
    const port = Number(value.slice(value.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'must have a port between 1 and 65535'),
);

/** `PUT /v1/api/clusters?instance=&user_id=&session_id=`: the session's monitored cluster. */
export const switchClusterQuerySchema = z.object({
  instance: instanceAddressSchema,
  user_id: dbmindIdentifierSchema,
  session_id: dbmindIdentifierSchema,
});
export type SwitchClusterQuery = z.infer<typeof switchClusterQuerySchema>;

const registerText = z
  .string(requiredText('a string'))
  .check(z.minLength(1, 'must not be empty'), z.maxLength(10240, 'must be at most 10240 characters'));

/** `POST /v1/api/clusters/register`. The seed sends the port as a string ("5432"), so digits are accepted too. */
export const registerClusterRequestSchema = z.object({
  cluster_name: registerText,
  host: z
    .string(requiredText('a string'))
    .check(z.regex(dbmindHostPattern, 'must be an IP address or a host name')),
  port: z.pipe(
    z.transform((value: unknown) =>
      typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
    ),
    z
      .number(requiredText('an integer'))
      .check(
        z.int('must be an integer'),
        z.minimum(1, 'must be between 1 and 65535'),
        z.maximum(65535, 'must be between 1 and 65535'),
      ),
  ),
  username: registerText,
  password: registerText,
});
export type RegisterClusterRequest = z.input<typeof registerClusterRequestSchema>;

/** The documented outcomes of a registration (`data.status`). */
export const registerStatuses = {
  registered: { status: 0, msg: '注册成功' },
  cannotConnect: { status: 503, msg: '无法连接到此集群' },
  notManaged: { status: 1001, msg: 'dbmind没有纳管此集群，无法注册' },
  nameTaken: { status: 1002, msg: '该集群名已被占用' },
} as const;

export const registerClusterResultSchema = z.object({
  msg: z.string(),
  status: z.union([z.literal(0), z.literal(503), z.literal(1001), z.literal(1002)]),
});
export type RegisterClusterResult = z.infer<typeof registerClusterResultSchema>;
