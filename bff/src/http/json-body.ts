import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from './errors.ts';

/**
 * JSON bodies as the console accepts them: within `limit`, and UTF-8 as RFC 8259 requires. Without the
 * check the parser turns invalid bytes into U+FFFD, and a mangled value would be validated and passed on
 * (to DWS, to DBMind) as if the browser had sent it.
 */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    verify: (_req, _res, raw) => {
      if (!isUtf8(raw)) {
        throw new HttpError(400, bffErrorCodes.validation, 'The request body is not valid UTF-8.');
      }
    },
  });
}
