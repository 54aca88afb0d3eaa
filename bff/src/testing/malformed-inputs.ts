/**
 * Generates malformed requests for one route from a seed, so a failure names a seed and an index that
 * reproduce it exactly. No fuzzing library: a small PRNG and the kinds of input that break servers
 * (wrong types, huge and broken strings, missing and extra fields, deep nesting, path tricks, bad JSON,
 * wrong content types, missing CSRF headers, bad cookies).
 */

/** mulberry32: tiny, fast and good enough to spread cases; the same seed gives the same cases everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(private readonly random: () => number) {}
  int(below: number): number {
    return Math.floor(this.random() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

export interface RouteUnderTest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path with `{id}` where a resource id goes. */
  path: string;
  /** A valid id for `{id}`. */
  id?: string;
  /** A body the route accepts; mutated into ones it must not. */
  body?: unknown;
  /**
   * What the seed's rules let through (`request-oracle.ts`, written apart from the schemas under test): a
   * mutated body it accepts is not malformed; one it refuses must be refused by the console itself.
   */
  accepts?: (body: unknown) => boolean;
  /** Whether a body the contract accepts may be sent at all (it would reach the emulator's DBMind). */
  sendValidBodies: boolean;
  /** Whether the route needs a session (a bad cookie must then be refused). */
  needsSession: boolean;
  /** Whether the route reads a body: a body sent to one that reads none must be refused (DWS) or ignored. */
  refusesStrayBody: boolean;
  /** Extra headers the route reads, with the values that make a request valid. */
  headers?: Record<string, string>;
  /** Headers whose malformed values must be refused. */
  validatedHeaders?: Record<string, readonly string[]>;
}

export interface MalformedRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** False where the route rightly ignores what was changed (a query string on /healthz, a header it never reads). */
  mustRefuse: boolean;
  /** The console's validation must refuse it (400, 413, 415), not the service behind it (a viewer's 403). */
  refusedByConsole?: boolean;
}

const changingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const loneSurrogates = ['\ud800', '\udfff', 'a\ud83dz', '\udc00\ud800'];
const oddStrings = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0041\u0042',
  '😀'.repeat(50),
  'Ω≈ç√∫',
  '<script>alert(1)</script>',
  "'; DROP TABLE clusters; --",
  '${jndi:ldap://127.0.0.1/a}',
  '../../etc/passwd',
  '%00',
  '\r\nX-Injected: 1',
  '\ufeff',
  'true',
  '1e309',
];
const oddKeys = [
  '__proto__',
  'constructor',
  'prototype',
  '',
  ' ',
  'ключ',
  'a'.repeat(2000),
  '\ud800',
  'user_id',
];

function wrongTypedValue(dice: Dice): unknown {
  switch (dice.int(10)) {
    case 0:
      return null;
    case 1:
      return dice.chance(0.5);
    case 2:
      return dice.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 65536]);
    case 3:
      return [];
    case 4:
      return [dice.pick(oddStrings), 1, null];
    case 5:
      return {};
    case 6:
      return { nested: dice.pick(oddStrings) };
    case 7:
      return dice.pick(oddStrings);
    case 8:
      return dice.pick(loneSurrogates);
    default:
      return 'x'.repeat(dice.pick([65, 129, 257, 1025, 20_001]));
  }
}

function deepValue(dice: Dice): unknown {
  const depth = dice.pick([64, 500, 2000, 3000]);
  let value: unknown = dice.pick(['bottom', 1, null]);
  for (let i = 0; i < depth; i += 1) value = dice.chance(0.5) ? [value] : { a: value };
  return value;
}

/** Every path to a value inside a JSON body: `[]` is the body itself. */
function paths(value: unknown, prefix: (string | number)[] = [], found: (string | number)[][] = []) {
  found.push(prefix);
  if (Array.isArray(value)) value.forEach((item, i) => paths(item, [...prefix, i], found));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], found);
  return found;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets (or with `undefined`, deletes) the value at `path`; the body itself is replaced when the path is empty. */
function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(body);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

function getAt(body: unknown, path: (string | number)[]): unknown {
  let value = body;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value;
}

function objectPaths(body: unknown): (string | number)[][] {
  return paths(body).filter((p) => {
    const value = getAt(body, p);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  });
}

/** A body mutated in one of many ways, as the bytes to send; `parsed` is what a JSON parser would read. */
function mutateBody(dice: Dice, body: unknown): { kind: string; bytes: Buffer; parsed?: unknown } {
  const all = paths(body);
  const inner = all.filter((p) => p.length > 0);
  const json = (kind: string, value: unknown) => ({
    kind,
    bytes: Buffer.from(JSON.stringify(value) ?? 'null'),
    parsed: value,
  });
  switch (dice.int(9)) {
    case 0:
      return json('body: wrong type', setAt(body, dice.pick(all), wrongTypedValue(dice)));
    case 1:
      return json('body: missing field', inner.length > 0 ? setAt(body, dice.pick(inner), undefined) : {});
    case 2: {
      const target = dice.pick(objectPaths(body));
      const key = dice.chance(0.5) ? dice.pick(oddKeys) : `extra_${dice.int(1000)}`;
      const extra = `${JSON.stringify(key)}:${JSON.stringify(wrongTypedValue(dice))}`;
      // Spliced in as text: a literal "__proto__" key is what a hostile browser sends, and no object literal holds one.
      const objectText = JSON.stringify(getAt(body, target));
      const extended = objectText === '{}' ? `{${extra}}` : `{${extra},${objectText.slice(1)}`;
      const text =
        target.length === 0
          ? extended
          : JSON.stringify(setAt(body, target, '\u0000mark')).replace('"\\u0000mark"', extended);
      return { kind: 'body: extra field', bytes: Buffer.from(text), parsed: JSON.parse(text) as unknown };
    }
    case 3: {
      const huge = dice.pick(['a', 'é', '字', '😀']).repeat(dice.pick([300, 5000, 70_000]));
      return json('body: huge string', setAt(body, inner.length > 0 ? dice.pick(inner) : [], huge));
    }
    case 4:
      return json(
        'body: bad unicode',
        setAt(
          body,
          inner.length > 0 ? dice.pick(inner) : [],
          `${dice.pick(loneSurrogates)}${dice.pick(oddStrings)}`,
        ),
      );
    case 5: {
      // Bytes that are not UTF-8 at all, spliced into an otherwise valid body.
      const text = Buffer.from(JSON.stringify(body));
      const at = dice.int(text.length);
      const bad = Buffer.from(
        dice.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]]),
      );
      return {
        kind: 'body: invalid UTF-8',
        bytes: Buffer.concat([text.subarray(0, at), bad, text.subarray(at)]),
      };
    }
    case 6:
      return json('body: deep nesting', setAt(body, dice.pick(all), deepValue(dice)));
    case 7: {
      const text = JSON.stringify(body);
      const broken = dice.pick([
        text.slice(0, Math.max(1, dice.int(text.length))),
        `${text}}`,
        `${text}${text}`,
        text.replace(/"/g, "'"),
        text.replace(/:/, ''),
        text.replace(/}$/, ',}'),
        '',
        '{',
        '{"a":NaN}',
        '{"a":undefined}',
        `{"a":${'['.repeat(10_000)}`,
        '\u0000',
        '[1,]',
      ]);
      return { kind: 'body: broken JSON', bytes: Buffer.from(broken) };
    }
    default: {
      const top = dice.pick([null, [], [body], 'text', 0, true, [1, 2, 3]]);
      return json('body: not an object', top);
    }
  }
}

function mutateId(dice: Dice, id: string): string {
  return dice.pick([
    '..',
    '%2e%2e',
    '.%2e',
    `${id}%2f..%2f..`,
    `..%2F..%2Fv3%2Fauth%2Ftokens`,
    `${id}%00`,
    `${id}%`,
    `${id}%ZZ`,
    `${id}%C0%AF`,
    '%ED%A0%80',
    '%F0%9F%98%80',
    encodeURIComponent('集群'),
    'a'.repeat(65),
    'a'.repeat(dice.pick([1000, 4000])),
    `${id}.json`,
    `${id};x=1`,
    `${id}\\..\\..`,
    '+',
    '%20',
    '*',
    '$(id)',
    `${id}@evil.example`,
    'https:%2F%2Fevil.example',
    '\u00ff\u00fe',
    '\u00c3\u0028',
  ]);
}

function trickPath(dice: Dice, path: string): { path: string; mustRefuse: boolean } {
  const segments = path.split('/');
  // Never before the first segment: a path must start with a slash to be sent at all.
  const at = 2 + dice.int(Math.max(1, segments.length - 2));
  switch (dice.int(8)) {
    case 0:
      return {
        path: `${path}/${dice.pick(['..', '%2e%2e', 'x', '%2f', '.', '..%2f..', '%00'])}`,
        mustRefuse: true,
      };
    case 1:
      return {
        path: `${path}/../${dice.pick(['v3/auth/tokens', 'metrics', 'api/session'])}`,
        mustRefuse: true,
      };
    case 2:
      return { path: [...segments.slice(0, at), '..', ...segments.slice(at)].join('/'), mustRefuse: true };
    case 3:
      // A doubled slash inside the path (a trailing one is the same route to Express).
      return { path: [...segments.slice(0, -1), '', segments.at(-1)].join('/'), mustRefuse: true };
    case 4:
      // A slash encoded: one segment to a router that decodes nothing, never a path to somewhere else.
      return {
        path: `${segments.slice(0, at).join('/')}%2F${segments.slice(at).join('/')}`,
        mustRefuse: true,
      };
    case 5:
      return {
        path: `//${dice.pick(['evil.example', '127.0.0.1:1', 'localhost'])}${path}`,
        mustRefuse: true,
      };
    case 6:
      // The absolute form is valid HTTP; what matters is that it never reaches another host.
      return {
        path: `${dice.pick(['https://evil.example', 'http://127.0.0.1:1', 'https://localhost'])}${path}`,
        mustRefuse: false,
      };
    default:
      return {
        path: `${path}${dice.pick(['/\u00ff', '/%ff', '/%uD800', '/\u00c0\u00af', '%', '/ ', '/\u00e9'])}`.replace(
          / /g,
          '%20',
        ),
        mustRefuse: true,
      };
  }
}

const badCookies = [
  '',
  '__Host-dws-session=',
  '__Host-dws-session=not-a-session',
  `__Host-dws-session=${'A'.repeat(43)}`,
  `__Host-dws-session=${'A'.repeat(44)}`,
  `__Host-dws-session=${'\u00ff'.repeat(43)}`,
  '__Host-dws-session=../../etc',
  '__Host-dws-session',
  'dws-session=x; __Host-dws-session==',
  `__Host-dws-session=${'a'.repeat(8000)}`,
];

/** `count` malformed requests for one route; `base` holds the headers of a valid request (cookie, CSRF). */
export function malformedRequests(
  route: RouteUnderTest,
  base: Record<string, string>,
  seed: number,
  count: number,
  otherMethods: readonly string[],
): MalformedRequest[] {
  const dice = new Dice(seededRandom(seed));
  const validPath = route.path.replace('{id}', route.id ?? '');
  const validBody = route.body === undefined ? undefined : Buffer.from(JSON.stringify(route.body));
  const valid = (): MalformedRequest => ({
    kind: 'valid',
    method: route.method,
    path: validPath,
    headers: { ...base, ...route.headers },
    ...(validBody ? { body: validBody } : {}),
    mustRefuse: false,
  });
  const kinds: ((request: MalformedRequest) => MalformedRequest | undefined)[] = [];

  if (route.body !== undefined) {
    const bodyCase = (request: MalformedRequest) => {
      const mutated = mutateBody(dice, route.body);
      const accepted = mutated.parsed !== undefined && route.accepts?.(mutated.parsed) === true;
      if (accepted && !route.sendValidBodies) return undefined;
      return {
        ...request,
        kind: mutated.kind,
        body: mutated.bytes,
        mustRefuse: !accepted,
        refusedByConsole: !accepted,
      };
    };
    // Bodies are what these routes read: most cases go there.
    kinds.push(bodyCase, bodyCase, bodyCase, bodyCase);
    kinds.push((request) => ({
      ...request,
      kind: 'wrong content type',
      headers: {
        ...request.headers,
        'Content-Type': dice.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=utf-16',
          'application/json; charset=latin1',
          'application/jsonx',
          'json',
        ]),
      },
      mustRefuse: true,
    }));
    kinds.push((request) => {
      const headers = { ...request.headers };
      delete headers['Content-Type'];
      return { ...request, kind: 'no content type', headers, mustRefuse: true };
    });
  } else {
    kinds.push((request) => ({
      ...request,
      kind: 'stray body',
      headers: { ...request.headers, 'Content-Type': 'application/json' },
      body: Buffer.from(dice.pick(['{"a":1}', '{', 'x'.repeat(70_000), '[]'])),
      mustRefuse: route.refusesStrayBody,
    }));
  }
  if (route.id !== undefined) {
    const idCase = (request: MalformedRequest) => ({
      ...request,
      kind: 'bad id',
      path: route.path.replace('{id}', mutateId(dice, route.id!)),
      mustRefuse: true,
    });
    kinds.push(idCase, idCase);
  }
  kinds.push((request) => ({ ...request, kind: 'path trick', ...trickPath(dice, request.path) }));
  kinds.push((request) => ({
    ...request,
    kind: 'wrong method',
    method: dice.pick(otherMethods),
    mustRefuse: true,
  }));
  if (route.needsSession) {
    kinds.push((request) => ({
      ...request,
      kind: 'bad cookie',
      headers: { ...request.headers, Cookie: dice.pick(badCookies) },
      mustRefuse: true,
    }));
  }
  if (changingMethods.has(route.method)) {
    kinds.push((request) => {
      const headers = { ...request.headers };
      const breach = dice.int(4);
      if (breach === 0) delete headers['X-Requested-With'];
      else if (breach === 1) headers['X-Requested-With'] = dice.pick(['fetch', '', 'xmlhttprequest ']);
      else if (breach === 2) headers.Origin = dice.pick(['https://evil.example', 'null', 'http://localhost']);
      else headers['Sec-Fetch-Site'] = dice.pick(['cross-site', 'same-site']);
      return { ...request, kind: 'CSRF', headers, mustRefuse: true };
    });
  }
  for (const [name, values] of Object.entries(route.validatedHeaders ?? {})) {
    kinds.push((request) => ({
      ...request,
      kind: `bad ${name}`,
      headers: { ...request.headers, [name]: dice.pick(values) },
      mustRefuse: true,
    }));
  }
  // Things the route rightly ignores: they must still not break anything.
  kinds.push((request) => ({
    ...request,
    kind: 'query junk',
    path: `${request.path}?${dice.pick([
      'a=%ZZ',
      '__proto__[polluted]=1',
      'constructor[prototype][x]=1',
      `q=${'x'.repeat(4000)}`,
      'a=1&a=2&a[]=3',
      '%',
      'lastEventId=99999999999999999999',
      'a=\u00ff',
    ])}`,
    mustRefuse: false,
  }));
  kinds.push((request) => ({
    ...request,
    kind: 'header noise',
    headers: {
      ...request.headers,
      [dice.pick([
        'X-Request-Id',
        'Accept',
        'Accept-Language',
        'X-Forwarded-For',
        'X-Auth-Token',
        'Authorization',
      ])]: dice.pick(['', '\u00ff\u00fe', 'a'.repeat(4000), '../..', 'MIIfake.token', '*/*;q=x']),
    },
    mustRefuse: false,
  }));

  const cases: MalformedRequest[] = [];
  while (cases.length < count) {
    const made = dice.pick(kinds)(valid());
    if (made) cases.push(made);
  }
  return cases;
}
