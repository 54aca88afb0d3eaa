import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { bffErrorCodes, describeIssues, type ApiErrorBody } from '@dws-console/shared';
import { z } from 'zod/mini';
import type { Logger } from '../logging/logger.ts';

/** An error the BFF answers with on purpose: a status and a body in the DWS error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** `value` as `schema` reads it, or a 400 that names each broken field and its rule. */
export function parseInput<T>(schema: z.core.$ZodType<T>, value: unknown): T {
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw new HttpError(400, bffErrorCodes.validation, describeIssues(parsed.error));
  return parsed.data;
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiErrorBody = { error_code: code, error_msg: message };
  const requestId = res.getHeader('X-Request-Id');
  if (typeof requestId === 'string') body.request_id = requestId;
  res.status(status).json(body);
}

export const notFound: RequestHandler = (req, res) => {
  sendError(res, 404, bffErrorCodes.notFound, `No route for ${req.method} ${req.path}.`);
};

const hasType = (error: unknown, type: string) =>
  typeof error === 'object' && error !== null && 'type' in error && error.type === type;

/** The one place where errors become answers. Unknown errors are logged and answered without detail. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
        ? error.status
        : 500;
    const limit = typeof error === 'object' && error !== null && 'limit' in error ? Number(error.limit) : NaN;
    if (status === 400 && hasType(error, 'entity.parse.failed'))
      return sendError(res, 400, bffErrorCodes.validation, 'The request body is not valid JSON.');
    if (status === 400)
      return sendError(res, 400, bffErrorCodes.validation, 'The request body could not be read whole.');
    if (status === 413)
      return sendError(
        res,
        413,
        bffErrorCodes.validation,
        Number.isFinite(limit)
          ? `The request body is too large (at most ${limit} bytes here).`
          : 'The request body is too large.',
      );
    if (status === 415)
      return sendError(res, 415, bffErrorCodes.validation, 'The request body must be JSON.');
    logger.error(
      {
        requestId: res.getHeader('X-Request-Id'),
        path: req.path,
        err: error instanceof Error ? error.message : String(error),
      },
      'unexpected error',
    );
    sendError(res, 500, bffErrorCodes.internal, 'Internal error.');
  };
}
