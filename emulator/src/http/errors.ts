import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { dwsErrors } from '@dws-console/shared';

/** Every answer of the emulated cloud carries an `X-Request-Id`, as the real gateway does. */
export const requestId: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Request-Id', randomUUID().replaceAll('-', ''));
  next();
};

/** The seed's examples send `application/json;charset=utf8`, which body parsers only know as `utf-8`. */
export const acceptUtf8Alias: RequestHandler = (req, _res, next) => {
  const type = req.headers['content-type'];
  if (type && /charset=utf8\b/i.test(type))
    req.headers['content-type'] = type.replace(/charset=utf8\b/i, 'charset=utf-8');
  next();
};

/** The DWS error body: `{"error_code","error_msg"}`. */
export function sendDwsError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error_code: code, error_msg: message });
}

/** One of `dwsErrors`, with its status and code. */
export function sendKnownDwsError(
  res: Response,
  error: { status: number; errorCode: string; message: string },
): void {
  sendDwsError(res, error.status, error.errorCode, error.message);
}

/** IAM's own error body: `{"error":{"code","message","title"}}`. */
export function sendIamError(res: Response, status: number, message: string): void {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    409: 'Conflict',
  };
  res.status(status).json({ error: { code: status, message, title: titles[status] ?? 'Error' } });
}

/** Malformed JSON and anything unexpected end as documented error bodies, never as an HTML page. */
export const dwsErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status =
    typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number'
      ? error.status
      : 500;
  if (res.headersSent) return;
  if (status === 400) return sendKnownDwsError(res, dwsErrors.invalidJson);
  // Table 7-2 answers a malformed body with 400 DWS.5065, whatever HTTP itself would say.
  if (status === 413) return sendKnownDwsError(res, dwsErrors.bodyTooLarge);
  if (status === 415) return sendKnownDwsError(res, dwsErrors.notJson);
  console.error('emulator: unexpected error', error instanceof Error ? error.message : error);
  sendKnownDwsError(res, dwsErrors.internal);
};
