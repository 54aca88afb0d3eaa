import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * Serves the built single-page app. Hashed assets are cached for a year; `index.html` is never
 * cached, so a new release is picked up on the next load. Unknown non-API paths get the app,
 * whose router shows its own not-found page.
 */
export function createWebRouter(deps: { dist: string }): Router {
  const router = Router();
  const index = path.join(deps.dist, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(deps.dist, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.use(express.static(deps.dist, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|api$).*/, (_req, res, next) => {
    if (!existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
