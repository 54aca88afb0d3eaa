import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * A caller's id is kept only when it is a UUID, with or without dashes (the form gateways and DWS use): the id
 * goes into every log line and the audit trail, so nothing else a client writes may pass as one.
 */
const wellFormedId = /^[0-9A-Fa-f]{8}(-?)[0-9A-Fa-f]{4}\1[0-9A-Fa-f]{4}\1[0-9A-Fa-f]{4}\1[0-9A-Fa-f]{12}$/;

/** Every answer and every log line carries a request id; a well-formed id from the caller is kept. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && wellFormedId.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
