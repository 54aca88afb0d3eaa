import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Every answer and every log line carries a request id; a well-formed id from the caller is kept. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.header('X-Request-Id');
  const id = given && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
