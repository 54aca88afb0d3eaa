import { dwsRuleError, type FieldRule } from '@dws-console/shared';

/** An answer other than success, with the DWS error body: thrown by the service, sent by the router. */
export class DwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  static rule(field: string, rule: FieldRule): DwsError {
    const failure = dwsRuleError(field, rule);
    return new DwsError(failure.status, failure.body.error_code, failure.body.error_msg);
  }

  static of(error: { status: number; errorCode: string; message: string }, detail?: string): DwsError {
    return new DwsError(error.status, error.errorCode, detail ? `${error.message} ${detail}` : error.message);
  }
}
