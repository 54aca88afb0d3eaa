import { z } from 'zod';

/** `POST /v3/auth/tokens` with the password method and a project scope (by id or by name). */
export const tokenRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.literal('password')).min(1),
      password: z.object({
        user: z.object({
          name: z.string().min(1),
          password: z.string().min(1),
          domain: z.object({ name: z.string().min(1) }),
        }),
      }),
    }),
    scope: z.object({
      project: z.union([z.object({ id: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
    }),
  }),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

const namedRef = z.object({ id: z.string(), name: z.string() });

export const tokenResponseSchema = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string(),
    methods: z.array(z.string()),
    user: namedRef.extend({ domain: namedRef }),
    project: namedRef.extend({ domain: namedRef }),
    roles: z.array(namedRef).optional(),
  }),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

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
