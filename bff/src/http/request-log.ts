import type { RequestHandler } from 'express';
import type { Logger } from '../logging/logger.ts';

/**
 * One line per request when its answer is done, with the request id like every other line the request
 * causes. Routes and resource ids are logged, never the raw URL or query string (they are the
 * browser's to choose). Probes and static files log at debug, so `info` stays about the API.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const level = req.originalUrl.startsWith('/api/') ? 'info' : 'debug';
    // A line the level leaves out is not put together at all.
    if (!logger.isLevelEnabled(level)) return next();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const { locals } = res;
      const route = typeof locals.route === 'string' ? locals.route : 'other';
      const session = locals.session as { user: { name: string }; domain: { name: string } } | undefined;
      logger[level](
        {
          requestId: locals.requestId as unknown,
          method: req.method,
          route,
          ...(route === 'other' ? { path: (req.originalUrl.split('?')[0] ?? '').slice(0, 200) } : {}),
          ...(typeof locals.resource === 'string' ? { resource: locals.resource } : {}),
          ...(session ? { user: `${session.domain.name}/${session.user.name}` } : {}),
          status: res.statusCode,
          ...(res.writableFinished ? {} : { aborted: true }),
          ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          ...(typeof locals.upstreamRequestId === 'string'
            ? { upstreamRequestId: locals.upstreamRequestId }
            : {}),
        },
        'request',
      );
    });
    next();
  };
}
