import path from 'node:path';
import type { RequestHandler } from 'express';
import { bffErrorCodes } from '@dws-console/shared';
import { HttpError } from './errors.ts';

/**
 * The path as the file servers read it: percent-decoded, slashes collapsed, `.` and `..` resolved. A guard
 * that looks at any other spelling (`//assets/x`, `/%61ssets/x`, `/./assets/x`, `x.ma%70`) can be walked around.
 */
export function servedPath(rawPath: string): string | undefined {
  try {
    return path.posix.normalize(decodeURIComponent(rawPath));
  } catch {
    return undefined;
  }
}

/**
 * Refuses a path whose percent-encoding is not UTF-8, naming it, before any router tries to decode it (and
 * Express's own decoding failure would be answered as if the body were at fault).
 */
export const wellEncodedPath: RequestHandler = (req, _res, next) => {
  // Without a `%` there is nothing to decode, and nearly every path the console is asked for has none.
  if (!req.path.includes('%') || servedPath(req.path) !== undefined) return next();
  const shown = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
  next(new HttpError(400, bffErrorCodes.validation, `path: ${shown} is not valid percent-encoded UTF-8.`));
};
