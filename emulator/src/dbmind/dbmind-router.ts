import { Router } from 'express';

/** DBMind's intelligent O&M API (GaussMaster). The built-in local router is always listed. */
export function createDbmindRouter(): Router {
  const router = Router();
  router.get('/v1/api/llms', (_req, res) => {
    res.json({ data: { offline: ['local-router'], online: [] }, success: true });
  });
  return router;
}
