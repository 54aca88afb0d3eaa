import { Router } from 'express';
import { request, type Agent } from 'node:https';
import { fetch, type Dispatcher } from 'undici';

/** An upstream is reachable when its TLS handshake succeeds and it answers HTTP at all. */
export type Probe = () => Promise<boolean>;

export function httpsProbe(endpoint: string, agent: Agent, timeoutMs = 2000): Probe {
  return () =>
    new Promise((resolve) => {
      const req = request(new URL('/', endpoint), { method: 'GET', agent, timeout: timeoutMs }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(false));
      req.end();
    });
}

/** The same, through an undici dispatcher (DBMind needs the client certificate even to say hello). */
export function dispatcherProbe(endpoint: string, dispatcher: Dispatcher, timeoutMs = 2000): Probe {
  return async () => {
    try {
      const response = await fetch(new URL('/', endpoint), {
        dispatcher,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      return true;
    } catch {
      return false;
    }
  };
}

export function createHealthRouter(deps: { probes: Record<string, Probe> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.locals.route = '/healthz';
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.locals.route = '/readyz';
    const names = Object.keys(deps.probes);
    const results = await Promise.all(names.map((name) => deps.probes[name]!()));
    const upstreams = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'up' : 'down']));
    const ready = results.every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', upstreams });
  });
  return router;
}
