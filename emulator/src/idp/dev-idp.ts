import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { Agent, fetch as undiciFetch } from 'undici';
import { ssoPaths } from '@dws-console/shared';
import type { DevIdpPerson } from './people.ts';

/** The console as the provider knows it: a confidential client (client_secret_basic) using code + PKCE. */
export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  /** The console's own address, e.g. https://localhost:8443: its redirect and log-out URIs are under it. */
  consoleUrl: string;
}

export interface DevIdpOptions {
  host: string;
  /** 0 asks the system for a free port. */
  port: number;
  people: DevIdpPerson[];
  client: DevIdpClient;
  /** The CA the console's certificate is signed by: the provider posts log-out tokens to it. */
  consoleCa?: Buffer;
  /** Seconds an ID token is good for. */
  idTokenSeconds?: number;
}

export interface RunningDevIdp {
  issuer: string;
  close(): Promise<void>;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1rem}.error{color:#a8071a}</style></head>
<body><h1>${title}</h1>${body}</body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginForm(uid: string, error?: string, username = '') {
  return page(
    'Demo identity provider',
    `<p>Sign in to continue to the DWS Console.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">User name</label><input id="username" name="username" value="${escapeHtml(username)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`,
  );
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An OpenID Provider for development and the journeys, built on a certified implementation (oidc-provider):
 * its own sign-in page for a few people, ID tokens carrying their `groups`, RP-initiated log-out and back-channel
 * log-out to the console. Keys and sessions live in memory: a restart signs everyone out.
 */
export async function startDevIdp(options: DevIdpOptions): Promise<RunningDevIdp> {
  // The issuer names the port, which is known only once listening: until the provider is built, say so.
  let handle: RequestListener = (_req, res) => res.writeHead(503, { 'Retry-After': '1' }).end();
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.host}:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  };
  const people = new Map(options.people.map((person) => [person.username, person]));
  const consoleAgent = new Agent(options.consoleCa ? { connect: { ca: options.consoleCa } } : {});
  const { client } = options;

  const configuration: Configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'DWS Console',
        redirect_uris: [new URL(ssoPaths.callback, client.consoleUrl).href],
        post_logout_redirect_uris: [new URL(ssoPaths.logIn, client.consoleUrl).href],
        backchannel_logout_uri: new URL(ssoPaths.backChannelLogout, client.consoleUrl).href,
        backchannel_logout_session_required: true,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    // Lax, not the default None: the provider runs on plain HTTP here, where a browser drops SameSite=None cookies.
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      long: { sameSite: 'lax' },
      short: { sameSite: 'lax' },
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
      groups: ['groups'],
    },
    // The console's IAM maps people by the `groups` claim of the ID token itself, not the userinfo answer.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: person.name,
          preferred_username: person.username,
          email: person.email,
          groups: person.groups,
        }),
      };
    },
    // The console is the provider's own first-party client: nobody is asked to consent to it.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client!.clientId);
      const found = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      if (found) return found;
      const grant = new oidc.provider.Grant({
        clientId: oidc.client!.clientId,
        accountId: oidc.session!.accountId,
      });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = page(
            'Sign out',
            `<p>Sign out of the demo identity provider?</p>${form}
<button type="submit" form="op.logoutForm" value="yes" name="logout" autofocus>Sign out</button>
<button type="submit" form="op.logoutForm">Stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = page('Signed out', '<p>You have signed out of the demo identity provider.</p>');
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: {
      IdToken: options.idTokenSeconds ?? 3600,
      AccessToken: 3600,
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
    },
    // Log-out tokens go to the console on this machine, whose certificate the development CA signed; the
    // provider's own fetch refuses loopback addresses (its SSRF guard), which is where the console is.
    fetch: (url, init) =>
      undiciFetch(url instanceof Request ? url.url : url, {
        ...(init as object),
        dispatcher: consoleAgent,
      }),
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Sign-in error',
        `<p class="error" role="alert">${escapeHtml(String(out.error_description ?? out.error))}</p>`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);

  const app = express();
  app.disable('x-powered-by');
  // Express 5 hands a rejected handler's error on: no try/catch needed.
  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    res.type('html').send(loginForm(details.uid));
  });
  app.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const details = await provider.interactionDetails(req, res);
      const body = req.body as { username?: unknown; password?: unknown };
      const username = typeof body.username === 'string' ? body.username : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const person = people.get(username);
      if (!person || !samePassword(password, person.password)) {
        res
          .status(401)
          .type('html')
          .send(loginForm(details.uid, 'The user name or password is wrong.', username));
        return;
      }
      const login = { login: { accountId: person.username } };
      await provider.interactionFinished(req, res, login, { mergeWithLastSubmission: false });
    },
  );
  app.use(provider.callback());
  handle = app;

  return {
    issuer,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await consoleAgent.close();
    },
  };
}
