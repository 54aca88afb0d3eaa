import { UpstreamError } from '../http/upstream-trust.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { IamClient, IamTokens, IamVirtualMfa } from './iam-client.ts';

/** IAM's log-in and token calls, each counted as an upstream request and, when it fails, by how. */
export function countedIam(
  iam: { client: IamClient; tokens: IamTokens; mfa: IamVirtualMfa },
  metrics: Metrics,
): { client: IamClient; tokens: IamTokens; mfa: IamVirtualMfa } {
  const counted = async <T>(call: () => Promise<T>): Promise<T> => {
    metrics.count('bff_upstream_requests_total', 'Requests sent to an upstream.', { upstream: 'iam' });
    try {
      return await call();
    } catch (error) {
      metrics.count('bff_upstream_errors_total', 'Upstream calls that failed or timed out.', {
        upstream: 'iam',
        kind: error instanceof UpstreamError ? error.kind : 'unexpected',
      });
      throw error;
    }
  };
  return {
    client: (credentials) => counted(() => iam.client(credentials)),
    tokens: {
      projects: (token) => counted(() => iam.tokens.projects(token)),
      exchange: (token, project) => counted(() => iam.tokens.exchange(token, project)),
      revoke: (token) => counted(() => iam.tokens.revoke(token)),
      federated: (idToken, idp) => counted(() => iam.tokens.federated(idToken, idp)),
    },
    mfa: {
      isRequired: (token) => counted(() => iam.mfa.isRequired(token)),
      signIn: (credentials, userId, passcode) => counted(() => iam.mfa.signIn(credentials, userId, passcode)),
      createDevice: (token, userId) => counted(() => iam.mfa.createDevice(token, userId)),
      bindDevice: (token, binding) => counted(() => iam.mfa.bindDevice(token, binding)),
    },
  };
}
