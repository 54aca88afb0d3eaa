import type { Logger } from '../logging/logger.ts';
import type { IamTokens } from './iam-client.ts';

/**
 * Revoking is best effort: a session the console drops is over for the console whether or not IAM hears of
 * it, so a failure is logged and never answers the request with an error.
 */
export function bestEffortRevoke(
  iamTokens: Pick<IamTokens, 'revoke'>,
  logger: Logger,
): (token: string, requestId?: unknown) => Promise<void> {
  return async (token, requestId) => {
    try {
      await iamTokens.revoke(token);
    } catch (error) {
      logger.warn(
        { requestId, err: error instanceof Error ? error.message : 'unknown' },
        'token not revoked',
      );
    }
  };
}
