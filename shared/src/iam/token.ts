import { z } from 'zod/mini';
import { totpPasscodeSchema } from './virtual-mfa.ts';

const projectScope = z.object({
  project: z.union([
    z.object({ id: z.string().check(z.minLength(1)) }),
    z.object({ name: z.string().check(z.minLength(1)) }),
  ]),
});

const passwordCredentials = z.object({
  user: z.object({
    name: z.string().check(z.minLength(1)),
    password: z.string().check(z.minLength(1)),
    domain: z.object({ name: z.string().check(z.minLength(1)) }),
  }),
});

const passwordIdentity = z.object({
  methods: z.tuple([z.literal('password')]),
  password: passwordCredentials,
});

/** Password and virtual MFA (KeystoneCreateUserTokenByPasswordAndMfa): the code names the user by id. */
const passwordTotpIdentity = z.object({
  methods: z.tuple([z.literal('password'), z.literal('totp')]),
  password: passwordCredentials,
  totp: z.object({ user: z.object({ id: z.string().check(z.minLength(1)), passcode: totpPasscodeSchema }) }),
});

/** Keystone's token method: a valid token buys a token scoped to another of the user's projects. */
const tokenIdentity = z.object({
  methods: z.tuple([z.literal('token')]),
  token: z.object({ id: z.string().check(z.minLength(1)) }),
});

/** `POST /v3/auth/tokens` with the password (alone or with totp) or the token method and a project scope (by id or by name). */
export const tokenRequestSchema = z.object({
  auth: z.object({
    identity: z.union([passwordIdentity, passwordTotpIdentity, tokenIdentity]),
    scope: projectScope,
  }),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

const namedRef = z.object({ id: z.string(), name: z.string() });

export const catalogEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string(),
  endpoints: z.array(
    z.object({
      id: z.string(),
      interface: z.string(),
      region: z.string(),
      region_id: z.string(),
      url: z.string(),
    }),
  ),
});

export const tokenResponseSchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string(),
    methods: z.array(z.string()),
    user: z.extend(namedRef, { domain: namedRef }),
    project: z.extend(namedRef, { domain: namedRef }),
    roles: z.optional(z.array(namedRef)),
    catalog: z.optional(z.array(catalogEntrySchema)),
  }),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** `GET /v3/auth/projects` and `GET /v3/projects` (appendix 7.4 of the DWS reference). */
export const projectListSchema = z.object({
  projects: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      domain_id: z.string(),
      parent_id: z.optional(z.string()),
      enabled: z.optional(z.boolean()),
      is_domain: z.optional(z.boolean()),
      description: z.optional(z.string()),
    }),
  ),
});
export type ProjectList = z.infer<typeof projectListSchema>;

/** `POST /v3.0/OS-AUTH/id-token/tokens` (iam_13_0605), with the identity provider in `X-Idp-Id`. */
export const idTokenRequestSchema = z.object({
  auth: z.object({
    id_token: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(16_384, 'must be at most 16384 characters')),
    }),
    scope: z.optional(projectScope),
  }),
});
export type IdTokenRequest = z.infer<typeof idTokenRequestSchema>;

/** Builds the documented token request for a user in a domain, scoped to a project given by name. */
export function passwordTokenRequest(input: {
  domain: string;
  username: string;
  password: string;
  project: string;
}): TokenRequest {
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: { name: input.username, password: input.password, domain: { name: input.domain } },
        },
      },
      scope: { project: { name: input.project } },
    },
  };
}

/** The password request with the user's current virtual MFA code; IAM wants the user by id for the code. */
export function passwordTotpTokenRequest(
  input: { domain: string; username: string; password: string; project: string },
  userId: string,
  passcode: string,
): TokenRequest {
  return {
    auth: {
      identity: {
        methods: ['password', 'totp'],
        password: {
          user: { name: input.username, password: input.password, domain: { name: input.domain } },
        },
        totp: { user: { id: userId, passcode } },
      },
      scope: { project: { name: input.project } },
    },
  };
}

/** Exchanges a token for one scoped to another project of the same user, by name. */
export function tokenExchangeRequest(token: string, project: string): TokenRequest {
  return {
    auth: { identity: { methods: ['token'], token: { id: token } }, scope: { project: { name: project } } },
  };
}
