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

/**
 * `/readyz` answers from probe results at most `cacheMs` old, and concurrent callers share one round of
 * probes: a load balancer polling every instance, or anyone hammering the endpoint, cannot multiply the
 * connections the console opens to its upstreams.
 */
export function createHealthRouter(deps: {
  probes: Record<string, Probe>;
  cacheMs?: number;
  now?: () => number;
}): Router {
  const router = Router();
  const cacheMs = deps.cacheMs ?? 5000;
  const now = deps.now ?? Date.now;
  let last: { at: number; results: Promise<boolean[]> } | undefined;
  const probeAll = (names: string[]) => {
    if (!last || now() - last.at >= cacheMs) {
      last = { at: now(), results: Promise.all(names.map((name) => deps.probes[name]!())) };
    }
    return last.results;
  };
  router.get('/healthz', (_req, res) => {
    res.locals.route = '/healthz';
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.locals.route = '/readyz';
    const names = Object.keys(deps.probes);
    const results = await probeAll(names);
    const upstreams = Object.fromEntries(names.map((name, i) => [name, results[i] ? 'up' : 'down']));
    const ready = results.every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', upstreams });
  });
  return router;
}
