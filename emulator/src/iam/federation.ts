import { createHash } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { DirectoryDomain } from './directory.ts';
import type { Federation } from './tokens.ts';

type IdentityProvider = DirectoryDomain['identity_providers'][number];

/** Signatures IAM accepts on ID tokens: asymmetric only, so `none` and an HMAC keyed with a public key are refused. */
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export type Exchange =
  { ok: true; userId: string; federation: Federation } | { ok: false; status: number; message: string };

/**
 * Verifies ID tokens against each identity provider's published keys (issuer, audience, expiry, signature and
 * algorithm) and maps the person to the domain's groups by the provider's rules.
 */
export class FederationService {
  readonly #keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  readonly #domains: DirectoryDomain[];

  constructor(domains: DirectoryDomain[]) {
    this.#domains = domains;
  }

  async exchange(idpId: string | undefined, idToken: string): Promise<Exchange> {
    const found = this.#domains
      .flatMap((domain) => domain.identity_providers.map((idp) => ({ domain, idp })))
      .find(({ idp }) => idp.id === idpId);
    if (!found)
      return { ok: false, status: 404, message: `The identity provider "${idpId ?? ''}" does not exist.` };
    const { domain, idp } = found;
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(idToken, this.#keys(idp), {
        issuer: idp.issuer,
        audience: idp.client_id,
        algorithms,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      return { ok: false, status: 401, message: `The ID token is invalid: ${reason(error)}` };
    }
    const groups = [
      ...new Set(
        idp.mapping.filter((rule) => matches(claims[rule.claim], rule.value)).flatMap((rule) => rule.groups),
      ),
    ];
    if (groups.length === 0) {
      return {
        ok: false,
        status: 401,
        message: 'The identity provider mapping gives this user no user group: no access is allowed.',
      };
    }
    const name =
      typeof claims.preferred_username === 'string' ? claims.preferred_username : String(claims.sub);
    const userId = createHash('sha256')
      .update(`${idp.id}:${String(claims.sub)}`)
      .digest('hex')
      .slice(0, 32);
    return { ok: true, userId, federation: { identityProvider: idp.id, domainId: domain.id, name, groups } };
  }

  #keys(idp: IdentityProvider) {
    let keys = this.#keySets.get(idp.id);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(idp.jwks_uri));
      this.#keySets.set(idp.id, keys);
    }
    return keys;
  }
}

function matches(claim: unknown, value: string): boolean {
  return Array.isArray(claim) ? claim.includes(value) : claim === value;
}

/** Says which check failed, never echoing the token. */
function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) return `the ${error.claim} claim is not accepted.`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its signature algorithm is not accepted.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'no published key of the identity provider matches it.';
  if (error instanceof errors.JOSEError) return 'it is malformed.';
  return 'the identity provider’s keys cannot be read.';
}
