import { isPlainText } from '../http/plain-text.ts';

/**
 * The field rules of the DWS API (seed tables 5-3, 5-45, 5-49, 5-65), each with the error code of seed table 7-2
 * it is reported with. The emulator answers with these codes, the BFF validates with the same checks, and the web
 * shows the rules before a request is sent and translates them by `id`.
 */

export interface FieldRule {
  /** Stable identifier: the web translates by it. Never reuse an id for a different rule. */
  readonly id: string;
  /** The DWS error code of seed table 7-2. */
  readonly errorCode: string;
  /** The HTTP status DWS answers with for this code. */
  readonly status: 400 | 404 | 409;
  /** What the rule asks, as an English sentence that follows the field name. */
  readonly message: string;
}

export const clusterNameLimits = { min: 4, max: 64 } as const;
export const portLimits = { min: 8000, max: 30000, default: 8000 } as const;
export const nodeCountLimits = { min: 2, max: 256 } as const;
/** CN count: at least 2, at most 20, and fewer than the nodes (seed table 5-3). */
export const cnCountLimits = { min: 2, max: 20, default: 3 } as const;
export const userNameLimits = { min: 1, max: 63 } as const;
/** The seed says 8-32; the current service asks 12-32. The seed is the contract. */
export const passwordLimits = { min: 8, max: 32 } as const;
export const passwordSpecialCharacters = `~!?,.:;-_'"(){}[]/<>@#%^&*+|\\=`;
export const snapshotNameLimits = { min: 4, max: 64 } as const;
export const snapshotDescriptionLimits = { max: 256 } as const;
export const snapshotDescriptionForbiddenCharacters = `!<>'=&"`;
export const publicBindTypeValues = ['auto_assign', 'not_use', 'bind_existing'] as const;

/**
 * Words an administrator may not be called: PostgreSQL's reserved key words (GaussDB(DWS) derives from it),
 * the predefined role names, and the names the service keeps for itself.
 */
export const databaseKeywords: readonly string[] = [
  'all',
  'analyse',
  'analyze',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'asymmetric',
  'authorization',
  'binary',
  'both',
  'case',
  'cast',
  'check',
  'collate',
  'collation',
  'column',
  'concurrently',
  'constraint',
  'create',
  'cross',
  'current_catalog',
  'current_date',
  'current_role',
  'current_schema',
  'current_time',
  'current_timestamp',
  'current_user',
  'default',
  'deferrable',
  'desc',
  'distinct',
  'do',
  'else',
  'end',
  'except',
  'false',
  'fetch',
  'for',
  'foreign',
  'freeze',
  'from',
  'full',
  'grant',
  'group',
  'having',
  'ilike',
  'in',
  'initially',
  'inner',
  'intersect',
  'into',
  'is',
  'isnull',
  'join',
  'lateral',
  'leading',
  'left',
  'like',
  'limit',
  'localtime',
  'localtimestamp',
  'natural',
  'none',
  'not',
  'notnull',
  'null',
  'offset',
  'on',
  'only',
  'or',
  'order',
  'outer',
  'overlaps',
  'placing',
  'primary',
  'public',
  'references',
  'returning',
  'right',
  'select',
  'session_user',
  'similar',
  'some',
  'symmetric',
  'table',
  'tablesample',
  'then',
  'to',
  'trailing',
  'true',
  'union',
  'unique',
  'user',
  'using',
  'variadic',
  'verbose',
  'when',
  'where',
  'window',
  'with',
  // Role names the database and the service keep for themselves.
  'omm',
  'postgres',
  'rdsadmin',
  'root',
];

/** Prefixes the database keeps for its own roles (`pg_` in PostgreSQL, `gs_` in GaussDB). */
export const reservedUserNamePrefixes: readonly string[] = ['pg_', 'gs_'];

/** Passwords refused as weak on reset even though they pass the complexity rule (seed table 5-45). */
export const weakPasswords: readonly string[] = [
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
];

const rule = (id: string, errorCode: string, message: string, status: 400 | 404 | 409 = 400): FieldRule => ({
  id,
  errorCode,
  status,
  message,
});

/** Every rule by a readable name. `dwsRuleById` looks them up by `id`. */
export const dwsRules = {
  required: rule('required', 'DWS.5037', 'is required'),
  requestFormat: rule('request-format', 'DWS.5065', 'must be a JSON object'),
  clusterName: rule(
    'cluster-name',
    'DWS.5057',
    'must be 4-64 characters, start with a letter, and contain only letters, digits, - and _',
  ),
  clusterNameTaken: rule(
    'cluster-name-taken',
    'DWS.5050',
    'is already used by another cluster in this project',
    409,
  ),
  nodeType: rule('node-type', 'DWS.5006', 'must be one of the node types listed by the node-types API'),
  nodeTypeSoldOut: rule(
    'node-type-sold-out',
    'DWS.5200',
    'is sold out in this availability zone; choose another node type',
  ),
  numberOfNode: rule('number-of-node', 'DWS.5047', 'must be a whole number from 2 to 256'),
  numberOfCn: rule(
    'number-of-cn',
    'DWS.5038',
    'must be a whole number from 2 to 20 and smaller than the number of nodes',
  ),
  port: rule('port', 'DWS.5038', 'must be a whole number from 8000 to 30000'),
  vpcId: rule('vpc-id', 'DWS.5014', 'must be a UUID such as 219ab8a0-1272-4049-a383-8ad0b770fa11'),
  subnetIdEmpty: rule('subnet-id-empty', 'DWS.5202', 'must not be empty'),
  securityGroupIdEmpty: rule('security-group-id-empty', 'DWS.5203', 'must not be empty'),
  subnetId: rule('subnet-id', 'DWS.5015', 'must be a UUID such as d23ef2e9-8b90-49b3-bc4a-fd7d6bea6bec'),
  securityGroupId: rule(
    'security-group-id',
    'DWS.5016',
    'must be a UUID such as 12e3c23a-8710-4b75-95e4-5c8d7f68ef3c',
  ),
  availabilityZone: rule(
    'availability-zone',
    'DWS.5011',
    'must be an availability zone of the region, such as ae-ad-1',
  ),
  userName: rule(
    'user-name',
    'DWS.5059',
    'must be 1-63 characters, start with a lowercase letter or _, and contain only lowercase letters, digits and _',
  ),
  userNameReserved: rule(
    'user-name-reserved',
    'DWS.5082',
    'must not be a database keyword or a reserved role name (such as select, user, public, or a name starting with pg_ or gs_)',
  ),
  passwordLength: rule('password-length', 'DWS.5144', 'must be 8-32 characters'),
  passwordCharacters: rule(
    'password-characters',
    'DWS.5144',
    `must contain only letters, digits and the special characters ${passwordSpecialCharacters}`,
  ),
  passwordClasses: rule(
    'password-classes',
    'DWS.5144',
    'must contain at least 3 of these 4 kinds: lowercase letters, uppercase letters, digits, special characters',
  ),
  passwordNotUserName: rule(
    'password-not-user-name',
    'DWS.5145',
    'must not be the user name or the user name reversed',
  ),
  passwordNotPrevious: rule('password-not-previous', 'DWS.5144', 'must not be a password used before'),
  passwordNotWeak: rule('password-not-weak', 'DWS.5144', 'must not be a commonly used weak password'),
  publicBindType: rule('public-bind-type', 'DWS.5098', 'must be auto_assign, not_use or bind_existing'),
  eipId: rule(
    'eip-id',
    'DWS.5133',
    'must be the UUID of an elastic IP when public_bind_type is bind_existing',
  ),
  enterpriseProjectId: rule('enterprise-project-id', 'DWS.5064', 'must be 0 or a UUID'),
  keepLastManualSnapshot: rule(
    'keep-last-manual-snapshot',
    'DWS.5038',
    'must be a whole number of 0 or more',
  ),
  scaleOutCount: rule('scale-out-count', 'DWS.5038', 'must be a whole number of 1 or more'),
  nodeCountLimit: rule('node-count-limit', 'DWS.5091', 'would make the cluster larger than 256 nodes'),
  restartObject: rule('restart-object', 'DWS.5065', 'must be an object, such as {"restart":{}}'),
  snapshotName: rule(
    'snapshot-name',
    'DWS.5065',
    'must be 4-64 characters, start with a letter, and contain only letters, digits, - and _',
  ),
  snapshotNameTaken: rule(
    'snapshot-name-taken',
    'DWS.5039',
    'is already used by another snapshot in this project (names are compared ignoring case)',
  ),
  snapshotDescription: rule(
    'snapshot-description',
    'DWS.5056',
    `must be at most 256 characters and contain none of ${snapshotDescriptionForbiddenCharacters}, no control characters, bidirectional overrides or unpaired surrogates`,
  ),
  clusterId: rule('cluster-id', 'DWS.5064', 'must be the id of a cluster'),
} as const satisfies Record<string, FieldRule>;

export type DwsRuleName = keyof typeof dwsRules;

const rulesById = new Map<string, FieldRule>(Object.values(dwsRules).map((r) => [r.id, r]));

export function dwsRuleById(id: string): FieldRule | undefined {
  return rulesById.get(id);
}

/**
 * Answers that are not about one field, each with table 7-2's status for its code (`error-table.ts`). The table
 * has no code for "another task is running" or "not in a state for this": DWS.5095 ("the current instance does
 * not support this operation") is the nearest, answered with the table's 400 (decision 002).
 */
export const dwsErrors = {
  clusterNotFound: { status: 404, errorCode: 'DWS.0047', message: 'The cluster does not exist.' },
  snapshotNotFound: { status: 400, errorCode: 'DWS.5111', message: 'The snapshot does not exist.' },
  snapshotIdInvalid: {
    status: 400,
    errorCode: 'DWS.5149',
    message: 'The snapshot id is not valid: it must be a UUID.',
  },
  clusterBusy: { status: 400, errorCode: 'DWS.5095', message: 'The cluster is busy with another task.' },
  clusterNotAvailable: {
    status: 400,
    errorCode: 'DWS.5095',
    message: 'The cluster is not available for this operation.',
  },
  snapshotNotAvailable: {
    status: 400,
    errorCode: 'DWS.5095',
    message: 'The snapshot is not available for this operation.',
  },
  automatedSnapshot: {
    status: 400,
    errorCode: 'DWS.5095',
    message: 'Only manual snapshots can be deleted; automated snapshots are removed with their cluster.',
  },
  noPermission: {
    status: 403,
    errorCode: 'DWS.5036',
    message: 'You do not have the permission for this operation.',
  },
  tokenProjectMismatch: {
    status: 403,
    errorCode: 'DWS.0015',
    message: 'The token is not scoped to the project in the request path.',
  },
  invalidJson: { status: 400, errorCode: 'DWS.5065', message: 'The request body is not valid JSON.' },
  bodyTooLarge: { status: 400, errorCode: 'DWS.5065', message: 'The request body is too large.' },
  notJson: { status: 400, errorCode: 'DWS.5065', message: 'The request body must be JSON.' },
  noSuchApi: { status: 404, errorCode: 'DWS.0404', message: 'No such API.' },
  internal: { status: 500, errorCode: 'DWS.0000', message: 'Internal error.' },
  shuttingDown: { status: 503, errorCode: 'DWS.0000', message: 'The service is shutting down.' },
  passwordNotChanged: { status: 500, errorCode: 'DWS.0000', message: 'The password could not be changed.' },
} as const;

// --- the checks -------------------------------------------------------------------------------------------------

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const clusterNamePattern = /^[A-Za-z][A-Za-z0-9_-]{3,63}$/;
const userNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;
const availabilityZonePattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export const isWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

const inRange = (value: unknown, min: number, max: number): value is number =>
  isWholeNumber(value) && value >= min && value <= max;

/** A check returns the first rule the value breaks, or undefined when it passes. */
export type RuleCheck = (value: unknown) => FieldRule | undefined;

const when =
  (test: (value: unknown) => boolean, broken: FieldRule): RuleCheck =>
  (value) =>
    test(value) ? undefined : broken;

export const checkClusterName = when(
  (v) => typeof v === 'string' && clusterNamePattern.test(v),
  dwsRules.clusterName,
);
export const checkNodeType = when(
  (v) => typeof v === 'string' && v.length >= 1 && v.length <= 64,
  dwsRules.nodeType,
);
export const checkNumberOfNode = when(
  (v) => inRange(v, nodeCountLimits.min, nodeCountLimits.max),
  dwsRules.numberOfNode,
);
export const checkPort = when((v) => inRange(v, portLimits.min, portLimits.max), dwsRules.port);
export const checkVpcId = when((v) => typeof v === 'string' && uuidPattern.test(v), dwsRules.vpcId);
const isBlank = (v: unknown) => typeof v === 'string' && v.trim() === '';
export const checkSubnetId = (v: unknown): FieldRule | undefined =>
  isBlank(v)
    ? dwsRules.subnetIdEmpty
    : typeof v === 'string' && uuidPattern.test(v)
      ? undefined
      : dwsRules.subnetId;
export const checkSecurityGroupId = (v: unknown): FieldRule | undefined =>
  isBlank(v)
    ? dwsRules.securityGroupIdEmpty
    : typeof v === 'string' && uuidPattern.test(v)
      ? undefined
      : dwsRules.securityGroupId;
export const checkAvailabilityZone = when(
  (v) => typeof v === 'string' && availabilityZonePattern.test(v),
  dwsRules.availabilityZone,
);
export const checkEnterpriseProjectId = when(
  (v) => v === '0' || (typeof v === 'string' && uuidPattern.test(v)),
  dwsRules.enterpriseProjectId,
);
export const checkPublicBindType = when(
  (v) => typeof v === 'string' && (publicBindTypeValues as readonly string[]).includes(v),
  dwsRules.publicBindType,
);
export const checkKeepLastManualSnapshot = when(
  (v) => isWholeNumber(v) && v >= 0,
  dwsRules.keepLastManualSnapshot,
);
export const checkScaleOutCount = when((v) => isWholeNumber(v) && v >= 1, dwsRules.scaleOutCount);
export const checkClusterId = when(
  (v) => typeof v === 'string' && v.length >= 1 && v.length <= 64,
  dwsRules.clusterId,
);

/** `number_of_cn` against the cluster's node count (when the node count itself is valid). */
export function checkNumberOfCn(value: unknown, numberOfNode?: unknown): FieldRule | undefined {
  if (!inRange(value, cnCountLimits.min, cnCountLimits.max)) return dwsRules.numberOfCn;
  if (isWholeNumber(numberOfNode) && value > numberOfNode - 1) return dwsRules.numberOfCn;
  return undefined;
}

/** The CN count a cluster gets when the request names none: 3, or fewer on a small cluster (never below 2). */
export function defaultNumberOfCn(numberOfNode: number): number {
  return Math.max(cnCountLimits.min, Math.min(cnCountLimits.default, numberOfNode - 1));
}

export function checkUserName(value: unknown): FieldRule | undefined {
  if (typeof value !== 'string' || !userNamePattern.test(value)) return dwsRules.userName;
  if (databaseKeywords.includes(value) || reservedUserNamePrefixes.some((p) => value.startsWith(p))) {
    return dwsRules.userNameReserved;
  }
  return undefined;
}

const specialCharacters = new Set(passwordSpecialCharacters);

/** How many of the four character kinds a password uses. */
export function passwordCharacterKinds(password: string): number {
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((p) => p.test(password)).length;
  return kinds + ([...password].some((c) => specialCharacters.has(c)) ? 1 : 0);
}

/**
 * The complexity rules every administrator password follows (creation and reset), in the order they are reported.
 * `userName` is the administrator's name, which the password may not equal forwards or backwards.
 */
export function checkPassword(value: unknown, userName?: string): FieldRule | undefined {
  if (typeof value !== 'string' || value.length < passwordLimits.min || value.length > passwordLimits.max) {
    return dwsRules.passwordLength;
  }
  if (![...value].every((c) => /[A-Za-z0-9]/.test(c) || specialCharacters.has(c))) {
    return dwsRules.passwordCharacters;
  }
  if (passwordCharacterKinds(value) < 3) return dwsRules.passwordClasses;
  if (userName !== undefined && (value === userName || value === [...userName].reverse().join(''))) {
    return dwsRules.passwordNotUserName;
  }
  return undefined;
}

/** A reset password also may not be a known weak password (the history check needs the service's records). */
export function checkNewPassword(value: unknown, userName?: string): FieldRule | undefined {
  const broken = checkPassword(value, userName);
  if (broken) return broken;
  return weakPasswords.some((weak) => weak.toLowerCase() === String(value).toLowerCase())
    ? dwsRules.passwordNotWeak
    : undefined;
}

export function checkSnapshotName(value: unknown): FieldRule | undefined {
  return typeof value === 'string' && clusterNamePattern.test(value) ? undefined : dwsRules.snapshotName;
}

export function checkSnapshotDescription(value: unknown): FieldRule | undefined {
  if (typeof value !== 'string' || value.length > snapshotDescriptionLimits.max)
    return dwsRules.snapshotDescription;
  return !isPlainText(value) || [...value].some((c) => snapshotDescriptionForbiddenCharacters.includes(c))
    ? dwsRules.snapshotDescription
    : undefined;
}

/** `eip_id` is needed exactly when an existing elastic IP is bound. */
export function checkEipId(value: unknown, bindType?: unknown): FieldRule | undefined {
  if (value === undefined || value === '') {
    return bindType === 'bind_existing' ? dwsRules.eipId : undefined;
  }
  return typeof value === 'string' && uuidPattern.test(value) ? undefined : dwsRules.eipId;
}
