import type { RequestHandler } from 'express';
import { bffErrorCodes, csrfHeader } from '@dws-console/shared';
import { sendError } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing calls must carry the custom header (a cross-site form cannot set it), come from
 * this origin, and send JSON: form and text/plain bodies are what a cross-site page can post.
 */
export const csrfGuard: RequestHandler = (req, res, next) => {
  if (safeMethods.has(req.method)) return next();
  if (req.header(csrfHeader.name) !== csrfHeader.value) {
    return sendError(res, 403, bffErrorCodes.forbidden, `${csrfHeader.name}: must be "${csrfHeader.value}".`);
  }
  const site = req.header('Sec-Fetch-Site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return sendError(res, 403, bffErrorCodes.forbidden, 'Sec-Fetch-Site: cross-site requests are refused.');
  }
  const origin = req.header('Origin');
  if (origin !== undefined && origin !== `${req.protocol}://${req.header('Host')}`) {
    return sendError(res, 403, bffErrorCodes.forbidden, 'Origin: must be this console.');
  }
  const type = req.header('Content-Type');
  if (type !== undefined && !/^application\/json\b/i.test(type)) {
    return sendError(res, 415, bffErrorCodes.validation, 'Content-Type: must be application/json.');
  }
  next();
};
