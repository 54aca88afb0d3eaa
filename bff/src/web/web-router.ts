import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { servedPath } from '../http/request-path.ts';

/** The encodings the build writes beside each asset (`.br`, `.gz`), best first. */
const encodings = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the built single-page app, but not its source maps. Hashed assets are cached for a year; `index.html` is never
 * cached, so a new release is picked up on the next load. Unknown non-API paths get the app,
 * whose router shows its own not-found page.
 */
export function createWebRouter(deps: { dist: string }): Router {
  const router = Router();
  const index = path.join(deps.dist, 'index.html');
  const assets = path.join(deps.dist, 'assets');
  // A missing asset is a 404, never the app's page: a script tag must not receive HTML.
  const notFound: RequestHandler = (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  };
  // The build's source maps stay on the server, for profiling and debugging there; browsers get the code.
  // Judged on the path the static servers will read, whatever its spelling, in front of all of them.
  router.use((req, res, next) => (neverServed(req.path) ? notFound(req, res, next) : next()));
  router.use(
    '/assets',
    precompressed(assets),
    express.static(assets, {
      immutable: true,
      maxAge: '365d',
      index: false,
      setHeaders(res, file) {
        const encoding = encodings.find((e) => file.endsWith(e.extension));
        if (!encoding) return;
        // The type of the file it compresses, not of the compressed copy.
        const original = path.extname(file.slice(0, -encoding.extension.length));
        res.setHeader('Content-Type', contentTypes[original] ?? 'application/octet-stream');
        res.setHeader('Content-Encoding', encoding.name);
      },
    }),
  );
  router.use('/assets', notFound);
  router.use(express.static(deps.dist, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|api$).*/, (_req, res, next) => {
    if (!existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

function neverServed(rawPath: string): boolean {
  const served = servedPath(rawPath);
  return served === undefined || /\.map(?:\.br|\.gz)?$/i.test(served);
}

/** Points a request for an asset at its compressed copy when the browser accepts that encoding. */
function precompressed(dir: string): RequestHandler {
  const files = new Set(existsSync(dir) ? readdirSync(dir) : []);
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    res.vary('Accept-Encoding');
    for (const encoding of encodings) {
      if (files.has(name + encoding.extension) && req.acceptsEncodings(encoding.name) === encoding.name) {
        req.url = `/${name}${encoding.extension}`;
        break;
      }
    }
    next();
  };
}
