import type { RequestHandler } from 'express';

/**
 * Runs middleware one after another as one step of the router. Each step of an Express router matches its path
 * and catches what it throws; the handlers that every request passes, whatever its path, need neither.
 */
export function inSequence(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let at = 0;
    const step = (error?: unknown): void => {
      const handler = handlers[at++];
      if (error !== undefined || !handler) return next(error);
      void handler(req, res, step);
    };
    step();
  };
}
