import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { bffErrorCodes, exceedsJsonShape } from '@dws-console/shared';
import { HttpError } from './errors.ts';

/**
 * How deep any request body may nest. No request of the console goes past 8 levels; a recursive schema (the
 * chat's elements) would otherwise meet a body thousands deep and overflow the stack.
 */
export const bodyDepth = 32;

/**
 * JSON bodies as the console accepts them: within `limit`, UTF-8 as RFC 8259 requires, and at most `bodyDepth`
 * deep. Without the UTF-8 check the parser turns invalid bytes into U+FFFD, and a mangled value would be
 * validated and passed on (to DWS, to DBMind) as if the browser had sent it.
 */
export function jsonBody(limit: string): RequestHandler {
  const parse = express.json({
    limit,
    verify: (_req, _res, raw) => {
      if (!isUtf8(raw)) {
        throw new HttpError(400, bffErrorCodes.validation, 'The request body is not valid UTF-8.');
      }
    },
  });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (exceedsJsonShape(req.body, { depth: bodyDepth, values: Infinity }) === 'depth') {
        return next(
          new HttpError(400, bffErrorCodes.validation, `(body): must nest at most ${bodyDepth} levels deep.`),
        );
      }
      next();
    });
}
