import { isIP } from 'node:net';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import type { Dws } from './create-dws.ts';
import { FaultError, faultKinds, faultRequestSchema, type FaultKind } from './fault-control.ts';
import { holdRequestSchema } from './task-holds.ts';
import { reason } from './task-runner.ts';

/** 127.0.0.0/8 and ::1, also in their IPv4-mapped IPv6 spelling. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  return plain === '::1';
}

/** Only clients on this machine: the socket's own address decides, never a forwarded header. */
const loopbackOnly: RequestHandler = (req, res, next) => {
  if (isLoopback(req.socket.remoteAddress)) return next();
  res.status(403).json({ error: 'The emulator control answers clients on the loopback interface only.' });
};

function parse<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  res.status(400).json({ error: `${field}: ${issue?.message ?? 'invalid'}` });
  return undefined;
}

function handle(work: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return async (req, res) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof FaultError) {
        res.status(error.status).json({ error: error.message });
        return;
      }
      res.status(500).json({ error: reason(error) });
    }
  };
}

/**
 * The emulator's own control, outside the DWS API (decision 016): faults in a cluster's real server and holds
 * that keep a task in its transitional state. Mounted under `/emulator` and answered on loopback only.
 */
export function createControlRouter(deps: { dws: Dws }): Router {
  const { clusters, faults, holds } = deps.dws;
  const router = Router();
  router.use(loopbackOnly);

  const cluster = (req: Request, res: Response) => {
    const key = String(req.params.cluster);
    const record = clusters.clusterByIdOrName(key);
    if (!record) res.status(404).json({ error: `No cluster has the id or the unique name ${key}.` });
    return record;
  };

  router.get(
    '/clusters/:cluster/faults',
    handle((req, res) => {
      const record = cluster(req, res);
      if (record) res.json({ faults: faults.active(record.fields.id) });
    }),
  );

  router.post(
    '/clusters/:cluster/faults',
    handle(async (req, res) => {
      const record = cluster(req, res);
      const request = record && parse(faultRequestSchema, req.body, res);
      if (!record || !request) return;
      const { pids } = await faults.inject(record, request);
      res.status(201).json({ fault: request.fault, pids });
    }),
  );

  router.delete(
    '/clusters/:cluster/faults/:fault',
    handle(async (req, res) => {
      const record = cluster(req, res);
      if (!record) return;
      const fault = String(req.params.fault);
      if (!(faultKinds as readonly string[]).includes(fault)) {
        res.status(400).json({ error: `fault: must be one of ${faultKinds.join(', ')}` });
        return;
      }
      await faults.end(record, fault as FaultKind);
      res.status(204).end();
    }),
  );

  router.get('/holds', (_req, res) => {
    res.json({ holds: holds.list() });
  });

  router.post('/holds', (req, res) => {
    const request = parse(holdRequestSchema, req.body, res);
    if (request) res.status(201).json(holds.add(request));
  });

  router.delete('/holds/:id', (req, res) => {
    if (holds.release(String(req.params.id))) res.status(204).end();
    else res.status(404).json({ error: 'No such hold.' });
  });

  return router;
}
