import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadEmulatorConfig, loadPeople, startDevIdp, type RunningDevIdp } from '@dws-console/emulator';
import { rememberSecrets } from '@dws-console/emulator/testing';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bffErrorCodes,
  logOutAnswerSchema,
  sessionInfoSchema,
  signInOptionsSchema,
} from '@dws-console/shared';
import { startHarness, type Harness } from '../testing/harness.ts';
import { eventually, gauge } from '../testing/probes.ts';
import { newDataDir, startScriptedConsole, type ScriptedConsole } from '../testing/scripted-console.ts';
import { progress, type ScriptedCall, type ScriptedUpstream } from '../testing/sse-upstream.ts';
import { freePort, SsoBrowser } from '../testing/sso-browser.ts';
import { discoverSso, type SsoClient } from './sso.ts';

const alice = { username: 'alice', password: 'Alice@12345' };
const bob = { username: 'bob', password: 'Bob@12345' };
const carol = { username: 'carol', password: 'Carol@12345' };

let dataDir: string;
let idp: RunningDevIdp;
let sso: SsoClient;
let scripted: ScriptedConsole;
let harness: Harness;
let upstream: ScriptedUpstream;

beforeAll(async () => {
  const fresh = await newDataDir('bff-sso-');
  dataDir = fresh.dataDir;
  const port = await freePort();
  const consoleUrl = `https://localhost:${port}`;
  const clientSecret = randomBytes(32).toString('base64url');
  rememberSecrets(clientSecret, alice.password, bob.password, carol.password);
  const emulatorConfig = loadEmulatorConfig({ DATA_DIR: dataDir });
  idp = await startDevIdp({
    host: '127.0.0.1',
    port: 0,
    people: await loadPeople(path.join(path.dirname(emulatorConfig.EMULATOR_IAM_CONFIG), 'dev-idp.json')),
    client: { clientId: 'dws-console', clientSecret, consoleUrl },
    consoleCa: await readFile(fresh.pki.ca),
  });
  // The shipped directory, with its demo provider where this test's provider listens.
  const iam = (await readFile(emulatorConfig.EMULATOR_IAM_CONFIG, 'utf8')).replaceAll(
    'http://127.0.0.1:9445',
    idp.issuer,
  );
  const iamFile = path.join(dataDir, 'iam.json');
  await writeFile(iamFile, iam);
  sso = await discoverSso({
    issuer: idp.issuer,
    clientId: 'dws-console',
    clientSecret,
    consoleUrl,
    iamIdpId: 'demo-idp',
    name: 'Demo IdP',
  });
  // DBMind's stand-in holds answers open, so a log-out can be seen to stop them.
  scripted = await startScriptedConsole({
    deps: { sso },
    dataDir,
    port,
    emulatorEnv: { EMULATOR_IAM_CONFIG: iamFile },
  });
  ({ harness, upstream } = scripted);
});

afterAll(async () => {
  await scripted?.close();
  await idp?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function sessionOf(browser: SsoBrowser) {
  const response = await browser.request('/api/session');
  return response.status === 200 ? sessionInfoSchema.parse(await response.json()) : response.status;
}

async function switchTo(browser: SsoBrowser, project: string) {
  const response = await browser.request('/api/session/project', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ project }),
  });
  return sessionInfoSchema.parse(await response.json());
}

describe('single sign-on', () => {
  it('offers the provider on the log-in page, beside the password form', async () => {
    const options = signInOptionsSchema.parse(await (await harness.request('/api/session/sign-in')).json());
    expect(options).toEqual({ password: true, sso: { name: 'Demo IdP' } });
  });

  it('leaves a federated person’s second factor to their provider: no IAM device to create or bind', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    await browser.signIn(alice);
    const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    const create = await browser.request('/api/session/mfa-device', { method: 'POST', headers: json });
    const bind = await browser.request('/api/session/mfa-device', {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ serialNumber: 'any', firstCode: '123456', secondCode: '654321' }),
    });
    for (const refused of [create, bind]) {
      expect(refused.status).toBe(403);
      const body = (await refused.json()) as { error_code: string; error_msg: string };
      expect(body.error_code).toBe(bffErrorCodes.forbidden);
      expect(body.error_msg).toMatch(/identity provider/);
    }
    // A password session of the same console reaches the binding itself (here its rule for a missing code).
    const own = await harness.request('/api/session/mfa-device', {
      method: 'PUT',
      headers: json,
      cookie: await harness.logIn(),
      body: JSON.stringify({ serialNumber: 'any', firstCode: '123456' }),
    });
    expect(own.status).toBe(400);
  });

  it('signs a mapped person in through the provider’s page, with their groups’ rights in each project', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    expect(await browser.signIn(alice, '/clusters?view=all')).toBe('/clusters?view=all');
    const first = await sessionOf(browser);
    expect(first).toMatchObject({
      project: { name: 'ae-ad-1' },
      signedInWith: 'sso',
      user: { name: 'alice' },
    });
    expect(typeof first === 'object' && first.rights.allowed).toContain('createCluster');
    const second = await switchTo(browser, 'ae-ad-2');
    expect(second).toMatchObject({ project: { name: 'ae-ad-2' }, signedInWith: 'sso' });
    expect(second.rights.allowed).not.toContain('createCluster');
    expect(second.rights.allowed).toContain('listClusters');

    const reader = new SsoBrowser(harness, idp.issuer);
    await reader.signIn(bob);
    for (const project of ['ae-ad-1', 'ae-ad-2']) {
      const session = await switchTo(reader, project);
      expect(session.rights.allowed).not.toContain('createCluster');
      expect(session.rights.allowed).toContain('listClusters');
    }
  });

  it('keeps the ID token, the IAM token and the client secret away from the browser', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    await browser.signIn(alice);
    expect(browser.console.header()).toMatch(/^__Host-dws-session=[A-Za-z0-9_-]{43}$/);
    const body = await (await browser.request('/api/session')).text();
    expect(body).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it('refuses a person the mapping gives no group, with no session', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    expect(await browser.signIn(carol)).toBe('/login?sso=iam');
    expect(await sessionOf(browser)).toBe(401);
  });

  it('refuses an answer for another browser’s sign-in (state mismatch), with no session', async () => {
    const victim = new SsoBrowser(harness, idp.issuer);
    const attacker = new SsoBrowser(harness, idp.issuer);
    const back = await attacker.throughProvider(await attacker.start(), alice);
    await victim.start();
    expect(await victim.callback(back)).toBe('/login?sso=state');
    expect(await sessionOf(victim)).toBe(401);
  });

  it('refuses a callback with no sign-in under way in the browser', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    const back = await browser.throughProvider(await browser.start(), alice);
    const stranger = new SsoBrowser(harness, idp.issuer);
    expect(await stranger.callback(back)).toBe('/login?sso=state');
    expect(await sessionOf(stranger)).toBe(401);
  });

  it('refuses a replayed authorization code, even with the flow it was issued for', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    await browser.start();
    const flow = browser.console.get('__Host-dws-sso-flow')!;
    const back = await browser.throughProvider(await browser.start(), alice);
    const flowOfBack = browser.console.get('__Host-dws-sso-flow')!;
    expect(flowOfBack).not.toBe(flow);
    expect(await browser.callback(back)).toBe('/clusters');

    const replay = new SsoBrowser(harness, idp.issuer);
    replay.console.set('__Host-dws-sso-flow', flowOfBack);
    expect(await replay.callback(back)).toBe('/login?sso=provider');
    expect(await sessionOf(replay)).toBe(401);
  });

  it('never sends the browser to another site after signing in', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    expect(await browser.signIn(alice, '//evil.example/')).toBe('/');
  });

  it('ends the provider’s session at log-out, and every console session of it by back-channel', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    await browser.signIn(alice);
    // A second console session from the same provider session (another tab's sign-in, no form this time).
    const other = new SsoBrowser(harness, idp.issuer);
    for (const [name, value] of browser.idp
      .header()
      .split('; ')
      .map((c) => c.split('='))) {
      other.idp.set(name!, value!);
    }
    expect(await other.callback(await other.throughProvider(await other.start()))).toBe('/clusters');
    expect(await sessionOf(other)).toMatchObject({ signedInWith: 'sso' });

    const loggedOut = await browser.request('/api/session', {
      method: 'DELETE',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const { logoutUrl } = logOutAnswerSchema.parse(await loggedOut.json());
    expect(logoutUrl.startsWith(idp.issuer)).toBe(true);
    expect(new URL(logoutUrl).searchParams.get('id_token_hint')).toBeNull();
    expect(await browser.confirmLogout(logoutUrl)).toBe(`${harness.url}/login`);

    expect(await sessionOf(other)).toBe(401);
    // The provider's session is over: signing in again asks for the password.
    const page = await browser.throughProvider(await browser.start()).catch((error: Error) => error.message);
    expect(page).toMatch(/answered 200/);
  });

  it('revokes at IAM the tokens of the sessions a back-channel log-out ends, and only those', async () => {
    /** What DWS itself says of a token, asked directly rather than through the console. */
    const dwsStatus = async ({ token, projectId }: { token: string; projectId: string }) => {
      const response = await fetch(`${harness.emulator.cloudUrl}/v1.0/${projectId}/clusters`, {
        headers: { 'X-Auth-Token': token },
        dispatcher: new Agent({ connect: { ca: await readFile(path.join(dataDir, 'pki', 'ca.crt')) } }),
      });
      await response.body?.cancel();
      return response.status;
    };
    const issued = new Map<string, { token: string; projectId: string }>();
    const real = harness.iamTokens;
    harness.setIamTokens({
      ...real,
      federated: async (idToken, idp) => {
        const answer = await real.federated(idToken, idp);
        if ('token' in answer)
          issued.set(answer.user.name, { token: answer.token, projectId: answer.project.id });
        return answer;
      },
      exchange: async (token, project) => {
        const answer = await real.exchange(token, project);
        if (answer) issued.set(answer.user.name, { token: answer.token, projectId: answer.project.id });
        return answer;
      },
    });
    try {
      const leaving = new SsoBrowser(harness, idp.issuer);
      await leaving.signIn(alice);
      // The token the session holds at the log-out is the one of the project it moved to.
      await switchTo(leaving, 'ae-ad-2');
      const staying = new SsoBrowser(harness, idp.issuer);
      await staying.signIn(bob);
      const [aliceToken, bobToken] = [issued.get('alice')!, issued.get('bob')!];
      expect(await dwsStatus(aliceToken)).toBe(200);

      // Alice leaves at the provider alone (a log-out the console did not start): it tells the console by back-channel.
      expect(await leaving.confirmLogout(sso.logoutUrl().href)).toMatch(/\/login$/);

      expect(await sessionOf(leaving)).toBe(401);
      expect(await dwsStatus(aliceToken)).toBe(401);
      expect(await sessionOf(staying)).toMatchObject({ user: { name: 'bob' } });
      expect(await dwsStatus(bobToken)).toBe(200);
    } finally {
      harness.setIamTokens(real);
    }
  });

  it('stops the running answers of the person a back-channel log-out signs out, and no one else’s', async () => {
    const held: ScriptedCall[] = [];
    upstream.onRequest((call) => {
      held.push(call);
      call.send(progress('工具匹配中...'));
    });
    const ask = (cookie: string) =>
      harness.request('/api/dbmind/intelligent-interaction', {
        method: 'POST',
        cookie,
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({ query: '当前有哪些告警', session_id: 'sso_1', mode: 'tool_interaction' }),
      });
    const leaving = new SsoBrowser(harness, idp.issuer);
    await leaving.signIn(alice);
    expect((await ask(leaving.console.header())).status).toBe(202);
    await eventually(() => expect(held).toHaveLength(1));
    const staying = await harness.logIn();
    expect((await ask(staying)).status).toBe(202);
    await eventually(() => expect(held).toHaveLength(2));
    const [leavingAnswer, stayingAnswer] = held as [ScriptedCall, ScriptedCall];

    expect(await leaving.confirmLogout(sso.logoutUrl().href)).toMatch(/\/login$/);
    await leavingAnswer.closed;
    await eventually(async () => expect(await gauge(harness, 'bff_running_answers')).toBe(1));
    stayingAnswer.send(progress('DONE'));
    stayingAnswer.res.end();
    await eventually(async () => expect(await gauge(harness, 'bff_running_answers')).toBe(0));
  });

  it('refuses a log-out token it cannot trust, ending nothing', async () => {
    const browser = new SsoBrowser(harness, idp.issuer);
    await browser.signIn(alice);
    const forged = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ iss: idp.issuer, aud: 'dws-console', sub: 'alice', iat: Math.floor(Date.now() / 1000), jti: 'x', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })).toString('base64url')}.`;
    const response = await harness.request('/api/session/sso/back-channel-logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: forged }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await sessionOf(browser)).toMatchObject({ signedInWith: 'sso' });
  });
});

describe('an ID token the console must not trust', () => {
  /** A real ID token of the provider for `who`, as the console's callback gets it. */
  async function idTokenOf(who: { username: string; password: string }) {
    const browser = new SsoBrowser(harness, idp.issuer);
    const { url, flow } = await sso.start('/');
    const back = await browser.throughProvider(url.href, who);
    return (await sso.finish(new URL(back), flow)).idToken;
  }

  const part = (token: string, i: number) =>
    JSON.parse(Buffer.from(token.split('.')[i]!, 'base64url').toString()) as Record<string, unknown>;
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('is refused by IAM, and no token comes of it: edited claims, alg none, another provider’s', async () => {
    const carolToken = await idTokenOf(carol);
    const [header, , signature] = carolToken.split('.');
    const promoted = encode({ ...part(carolToken, 1), groups: ['console-admins'] });
    const other = await startDevIdp({
      host: '127.0.0.1',
      port: 0,
      people: [{ ...alice, name: 'Alice', email: 'alice@other.example', groups: ['console-admins'] }],
      client: {
        clientId: 'dws-console',
        clientSecret: sso.settings.clientSecret,
        consoleUrl: sso.settings.consoleUrl,
      },
    });
    let strangerToken: string;
    try {
      const stranger = await discoverSso({ ...sso.settings, issuer: other.issuer });
      const browser = new SsoBrowser(harness, other.issuer);
      const { url, flow } = await stranger.start('/');
      strangerToken = (await stranger.finish(new URL(await browser.throughProvider(url.href, alice)), flow))
        .idToken;
    } finally {
      await other.close();
    }
    const cases = {
      'edited claims': [`${header}.${promoted}.${signature}`, /signature/],
      'alg none': [`${encode({ alg: 'none' })}.${promoted}.`, /algorithm|malformed/],
      'another provider (its keys and issuer)': [strangerToken, /no published key|iss/],
    } as const;
    for (const [name, [token, reason]] of Object.entries(cases)) {
      const answer = await harness.iamTokens.federated(token, 'demo-idp');
      expect(answer, name).toEqual({ refused: expect.stringMatching(reason) as unknown });
    }
    expect(await harness.iamTokens.federated(carolToken, 'demo-idp')).toEqual({
      refused: expect.stringMatching(/no user group/) as unknown,
    });
    expect('token' in (await harness.iamTokens.federated(await idTokenOf(alice), 'demo-idp'))).toBe(true);
  });
});

describe('the provider named by OIDC_ISSUER', () => {
  it('stops the console at start, naming the variable, when it is not an OpenID Provider or not this one', async () => {
    const settings = { ...sso.settings };
    await expect(
      discoverSso({ ...settings, issuer: `http://127.0.0.1:${await freePort()}` }),
    ).rejects.toThrow(/^OIDC_ISSUER: http:\/\/127\.0\.0\.1:\d+ gave no OpenID Provider configuration/);
    // The provider answers, but as another issuer than the one configured (a trailing path, a typo'd realm).
    await expect(discoverSso({ ...settings, issuer: `${idp.issuer}/realms/other` })).rejects.toThrow(
      /^OIDC_ISSUER: /,
    );
  });
});

describe('a console whose password form is turned off', () => {
  it('says so to the log-in page and refuses a password log-in, starting no session', async () => {
    const closed = await startHarness(
      { sso, passwordSignIn: false },
      { emulator: harness.emulator, dataDir },
    );
    try {
      const options = signInOptionsSchema.parse(await (await closed.request('/api/session/sign-in')).json());
      expect(options).toEqual({ password: false, sso: { name: 'Demo IdP' } });
      const response = await closed.request('/api/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
        body: JSON.stringify({
          domain: 'demo',
          username: 'admin',
          password: 'Admin@12345',
          project: 'ae-ad-1',
        }),
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({
        error_msg: 'The password log-in is turned off on this console: sign in with Demo IdP.',
      });
      expect(response.headers.get('set-cookie')).toBeNull();
    } finally {
      await closed.close();
    }
  });
});

/**
 * A provider that signs whatever ID token the test asks for, with its own published key: the checks left to the
 * console's relying party (openid-client) are then the only thing between a wrong token and a session.
 */
async function startSigningProvider(clientId: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  let claimsFor: (nonce: string) => Record<string, unknown> = () => ({});
  let nonce = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (body: unknown) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        end_session_endpoint: `${issuer}/session/end`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [jwk] });
    if (url.pathname === '/token') {
      void new SignJWT({ nonce, ...claimsFor(nonce) })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .sign(privateKey)
        .then((idToken) =>
          json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: idToken }),
        );
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const goodClaims = () => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: issuer, aud: clientId, sub: 'alice', iat: now, exp: now + 300 };
  };
  return {
    issuer,
    goodClaims,
    /** The claims of the next ID token, given the nonce the console sent at the start. */
    signNext(claims: (sentNonce: string) => Record<string, unknown>) {
      claimsFor = claims;
    },
    /** Remembers the nonce of a sign-in the console started, as a provider would at its authorization page. */
    authorize(url: string) {
      nonce = new URL(url).searchParams.get('nonce') ?? '';
      return new URL(url).searchParams.get('state') ?? '';
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('an ID token the relying party must refuse', () => {
  let provider: Awaited<ReturnType<typeof startSigningProvider>>;
  let signing: Harness;

  beforeAll(async () => {
    provider = await startSigningProvider('dws-console');
    signing = await startHarness(
      { sso: await discoverSso({ ...sso.settings, issuer: provider.issuer }) },
      { emulator: harness.emulator, dataDir },
    );
  });

  afterAll(async () => {
    await signing?.close();
    await provider?.close();
  });

  const hour = 3600;
  const cases: [string, (nonce: string) => Record<string, unknown>, RegExp][] = [
    ['for another client (audience)', () => ({ ...provider.goodClaims(), aud: 'another-client' }), /"aud"/],
    ['from another issuer', () => ({ ...provider.goodClaims(), iss: 'https://idp.example' }), /"iss"/],
    [
      'expired',
      () => ({
        ...provider.goodClaims(),
        iat: Math.floor(Date.now() / 1000) - 2 * hour,
        exp: Math.floor(Date.now() / 1000) - hour,
      }),
      /"exp"/,
    ],
    ['for another sign-in (nonce)', () => ({ ...provider.goodClaims(), nonce: 'another' }), /"nonce"/],
  ];

  it.each(cases)(
    'is refused when %s, saying which check failed, with no session',
    async (_, claims, check) => {
      const browser = new SsoBrowser(signing, provider.issuer);
      const state = provider.authorize(await browser.start());
      provider.signNext(claims);
      const logged = signing.logs.length;
      const back = `${signing.url}/api/session/sso/callback?code=c0de&state=${state}`;
      expect(await browser.callback(back)).toBe('/login?sso=token');
      expect(browser.console.get('__Host-dws-session')).toBeUndefined();
      expect((await browser.request('/api/session')).status).toBe(401);
      const refusal = signing.logs.slice(logged).find((line) => line.includes('single sign-on refused'));
      expect((JSON.parse(refusal ?? '{}') as { detail?: string }).detail).toMatch(check);
    },
  );

  it('signs in with the same provider’s good token, so the refusals above are the claims’ doing', async () => {
    const browser = new SsoBrowser(signing, provider.issuer);
    const state = provider.authorize(await browser.start());
    provider.signNext(() => provider.goodClaims());
    const back = `${signing.url}/api/session/sso/callback?code=c0de&state=${state}`;
    // The relying party accepts it; IAM then refuses it, as this provider is not one it knows.
    expect(await browser.callback(back)).toBe('/login?sso=iam');
  });
});
