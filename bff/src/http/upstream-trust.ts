import https from 'node:https';
import tls from 'node:tls';
import { Agent as UndiciAgent } from 'undici';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from './errors.ts';

/**
 * The connections to IAM, DWS and DBMind. Verification is stated explicitly (`rejectUnauthorized: true`)
 * rather than left to Node's default, because an explicit option wins over NODE_TLS_REJECT_UNAUTHORIZED=0:
 * nothing in the environment can silently turn verification off.
 */
export interface UpstreamTrust {
  /** CA bundle from UPSTREAM_CA; the system's trust store when unset. */
  ca?: Buffer;
}

/** Keep-alive doubles proxy throughput; no socket cap, so long calls never starve short ones. */
export function upstreamHttpsAgent(trust: UpstreamTrust): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets: Infinity,
    rejectUnauthorized: true,
    secureContext: tls.createSecureContext(trust.ca ? { ca: trust.ca } : {}),
  });
}

export function upstreamDispatcher(
  trust: UpstreamTrust,
  options: {
    clientCertificate?: { cert: Buffer; key: Buffer; passphrase?: string | undefined };
    connections?: number | null;
    headersTimeout?: number;
    bodyTimeout?: number;
  } = {},
): UndiciAgent {
  const { clientCertificate, ...rest } = options;
  // One TLS context for every connection: building it (and decrypting the client key) per connection costs
  // milliseconds of blocked event loop and tens of KB each, which thousands of held answer streams multiply.
  const secureContext = tls.createSecureContext({
    ...(trust.ca ? { ca: trust.ca } : {}),
    ...clientCertificate,
  });
  return new UndiciAgent({
    ...rest,
    connect: { rejectUnauthorized: true, secureContext },
  });
}

/** OpenSSL's verification failures as Node reports them: the peer answered, but is not who we trust. */
const certificateErrors = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

/** The error code of a Node or undici failure (undici's `fetch failed` carries it in `cause`). */
export function failureCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    if (typeof current !== 'object') return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export type UpstreamFailureKind = 'timeout' | 'certificate' | 'unreachable';

export function upstreamFailureKind(error: unknown, timedOut: boolean): UpstreamFailureKind {
  if (timedOut) return 'timeout';
  const code = failureCode(error);
  return code && certificateErrors.has(code) ? 'certificate' : 'unreachable';
}

/** An upstream call that failed before any answer; `kind` labels the failure in the metrics. */
export class UpstreamError extends HttpError {
  constructor(
    readonly kind: UpstreamFailureKind,
    status: number,
    message: string,
  ) {
    super(
      status,
      status === 504 ? bffErrorCodes.upstreamTimeout : bffErrorCodes.upstreamUnavailable,
      message,
    );
    this.name = 'UpstreamError';
  }
}

/**
 * What the browser is told when an upstream call fails before any answer: 504 when it was too slow,
 * 502 otherwise, and a certificate that does not verify is named as such so the operator looks at
 * UPSTREAM_CA instead of the network.
 */
export function upstreamFailure(upstream: string, error: unknown, timedOut: boolean): UpstreamError {
  const kind = upstreamFailureKind(error, timedOut);
  switch (kind) {
    case 'timeout':
      return new UpstreamError(kind, 504, `${upstream} did not answer in time.`);
    case 'certificate':
      return new UpstreamError(
        kind,
        502,
        `${upstream}'s certificate could not be verified (${failureCode(error)}); check UPSTREAM_CA.`,
      );
    default:
      return new UpstreamError(kind, 502, `${upstream} cannot be reached.`);
  }
}
