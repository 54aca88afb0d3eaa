/**
 * What the console must let through, route by route, written down from the seed's field tables (5-3, 5-35,
 * 5-38, 5-41, 5-45, 5-49, 5-65, the DBMind API document) and the rule sentences of `shared/src/dws/rules.ts`:
 * an oracle for the fuzz that does not share a line with the zod schemas it judges, so a schema that lets too
 * much through disagrees with it. Only the console's own checks are here: whether a node type is sold or a
 * cluster id exists is the service's to say.
 */

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: Json) => v === undefined || v === null;
const whole = (v: Json, min: number, max = Number.MAX_SAFE_INTEGER) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const text = (v: Json, pattern: RegExp) => typeof v === 'string' && pattern.test(v);
const lengthWithin = (v: Json, min: number, max: number) =>
  typeof v === 'string' && v.length >= min && v.length <= max;
/** Only these keys, each passing its check; `strict` refuses any other key (the chat API's bodies). */
function fields(v: Json, checks: Record<string, (value: Json) => boolean>, strict = false): boolean {
  if (!isObject(v)) return false;
  if (strict && Object.keys(v).some((key) => !(key in checks))) return false;
  return Object.entries(checks).every(([key, check]) => check(Object.hasOwn(v, key) ? v[key] : undefined));
}
const optional = (check: (value: Json) => boolean) => (v: Json) => absent(v) || check(v);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 4-64 characters, a letter first, then letters, digits, `-` and `_`. */
const resourceName = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
const isUuid = (v: Json) => text(v, uuid);

/** 8-32 characters of letters, digits and the listed specials, at least three of the four kinds. */
function administratorPassword(v: Json, userName?: Json): boolean {
  if (!lengthWithin(v, 8, 32)) return false;
  const password = v as string;
  const specials = `~!?,.:;-_'"(){}[]/<>@#%^&*+|\\=`;
  if (![...password].every((c) => /[A-Za-z0-9]/.test(c) || specials.includes(c))) return false;
  const kinds =
    Number(/[a-z]/.test(password)) +
    Number(/[A-Z]/.test(password)) +
    Number(/[0-9]/.test(password)) +
    Number([...password].some((c) => specials.includes(c)));
  if (kinds < 3) return false;
  return (
    typeof userName !== 'string' || (password !== userName && password !== [...userName].reverse().join(''))
  );
}

const reservedUserNames = new Set(['select', 'user', 'public', 'all', 'root', 'postgres', 'omm', 'rdsadmin']);
const userName = (v: Json) =>
  text(v, /^[a-z_][a-z0-9_]{0,62}$/) &&
  !reservedUserNames.has(v as string) &&
  !/^(pg_|gs_)/.test(v as string);

const publicIp = optional(
  (v) =>
    isObject(v) &&
    ['auto_assign', 'not_use', 'bind_existing'].includes(v.public_bind_type as string) &&
    (v.public_bind_type === 'bind_existing'
      ? isUuid(v.eip_id)
      : absent(v.eip_id) || v.eip_id === '' || isUuid(v.eip_id)),
);
const enterpriseProject = optional((v) => v === '0' || isUuid(v));
const availabilityZone = optional((v) => text(v, /^[a-z0-9][a-z0-9-]{0,63}$/));

const createCluster = (body: Json) =>
  fields(body, {
    cluster: (c) =>
      fields(c, {
        name: (v) => text(v, resourceName),
        node_type: (v) => lengthWithin(v, 1, 64),
        number_of_node: (v) => whole(v, 2, 256),
        subnet_id: isUuid,
        security_group_id: isUuid,
        vpc_id: isUuid,
        availability_zone: availabilityZone,
        port: optional((v) => whole(v, 8000, 30000)),
        user_name: userName,
        user_pwd: (v) => administratorPassword(v, (c as Obj).user_name),
        public_ip: publicIp,
        number_of_cn: optional(
          (v) =>
            whole(v, 2, 20) &&
            (!whole((c as Obj).number_of_node, 2, 256) ||
              (v as number) < ((c as Obj).number_of_node as number)),
        ),
        enterprise_project_id: enterpriseProject,
      }),
  });

const weakPasswords = [
  'Admin@123',
  'Admin@1234',
  'Admin@12345',
  'Gauss@123',
  'Gaussdb@123',
  'Huawei@123',
  'Huawei@1234',
  'Huawei12#$',
  'P@ssw0rd',
  'P@ssw0rd123',
  'Passw0rd!',
  'Password!',
  'Password1!',
  'Password@1',
  'Password@123',
  'Password123!',
  'Qwerty@123',
  'Root@123',
  'Test@123',
  'Welcome@123',
].map((p) => p.toLowerCase());

const dbmindId = (v: Json) => text(v, /^\w{2,64}$/);

/** Whether the console must pass a body on to the service (true) or refuse it itself (false), by route. */
export const acceptedBodies: Record<string, (body: Json) => boolean> = {
  'POST /api/session': (b) =>
    fields(b, {
      domain: (v) => typeof v === 'string' && lengthWithin(v.trim(), 1, 64),
      username: (v) => typeof v === 'string' && lengthWithin(v.trim(), 1, 64),
      password: (v) => lengthWithin(v, 1, 128),
      project: (v) => typeof v === 'string' && text(v.trim(), /^[A-Za-z0-9_-]{1,64}$/),
    }),
  'POST /api/dws/clusters': createCluster,
  'DELETE /api/dws/clusters/{id}': (b) => fields(b, { keep_last_manual_snapshot: (v) => whole(v, 0) }),
  'POST /api/dws/clusters/{id}/restart': (b) => fields(b, { restart: isObject }),
  'POST /api/dws/clusters/{id}/resize': (b) =>
    fields(b, { scale_out: (s) => fields(s, { count: (v) => whole(v, 1) }) }),
  'POST /api/dws/clusters/{id}/reset-password': (b) =>
    fields(b, {
      new_password: (v) => administratorPassword(v) && !weakPasswords.includes((v as string).toLowerCase()),
    }),
  'POST /api/dws/snapshots': (b) =>
    fields(b, {
      snapshot: (s) =>
        fields(s, {
          name: (v) => text(v, resourceName),
          cluster_id: (v) => lengthWithin(v, 1, 64),
          description: optional(
            (v) => lengthWithin(v, 0, 256) && ![...(v as string)].some((c) => `!<>'=&"`.includes(c)),
          ),
        }),
    }),
  'POST /api/dws/snapshots/{id}/actions': (b) =>
    fields(b, {
      restore: (r) =>
        fields(r, {
          name: (v) => text(v, resourceName),
          subnet_id: optional(isUuid),
          security_group_id: optional(isUuid),
          vpc_id: optional(isUuid),
          availability_zone: availabilityZone,
          port: optional((v) => whole(v, 8000, 30000)),
          public_ip: publicIp,
          enterprise_project_id: enterpriseProject,
        }),
      enterprise_project_id: enterpriseProject,
    }),
  'POST /api/dbmind/intelligent-interaction': (b) =>
    fields(
      b,
      {
        query: (v) => typeof v === 'string' && lengthWithin(v.trim(), 1, 20_000),
        session_id: dbmindId,
        mode: (v) => v === 'tool_interaction' || v === 'fault_diagnostic',
        history_len: (v) => v === undefined || v === 1 || v === 2 || v === 3,
        model_name: (v) => v === undefined || lengthWithin(v, 0, 128),
      },
      true,
    ),
  'PUT /api/dbmind/llms': (b) =>
    fields(
      b,
      { name: (v) => typeof v === 'string' && lengthWithin(v.trim(), 1, 128), session_id: dbmindId },
      true,
    ),
  'PUT /api/dbmind/clusters': (b) =>
    fields(
      b,
      {
        instance: (v) => typeof v === 'string' && /^[A-Za-z0-9.-]{1,253}:\d{1,5}$/.test(v.trim()),
        session_id: dbmindId,
      },
      true,
    ),
  'POST /api/dbmind/clusters/register': (b) =>
    fields(b, {
      cluster_name: (v) => lengthWithin(v, 1, 10240),
      host: (v) =>
        typeof v === 'string' &&
        /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?|[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*)$/.test(
          v,
        ),
      port: (v) => whole(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v, 1, 65535),
      username: (v) => lengthWithin(v, 1, 10240),
      password: (v) => lengthWithin(v, 1, 10240),
    }),
};
