import { Router, type Request, type RequestHandler, type Response } from 'express';
import { dwsErrors, dwsRoutes, dwsValidationFailure, type DwsRouteName } from '@dws-console/shared';
import { z } from 'zod';
import { sendDwsError } from '../http/errors.ts';
import type { TokenService } from '../iam/tokens.ts';
import { requireAction, requireToken, token } from './auth.ts';
import { toClusterDetail, toClusterInfo, toSnapshot } from './cluster-view.ts';
import type { Dws } from './create-dws.ts';
import { DwsError } from './dws-error.ts';
import { zonesOf, type ProjectScope } from './new-cluster.ts';
import { listNodeTypes } from './node-type-catalogue.ts';

function scope(res: Response): ProjectScope {
  const { project } = token(res);
  return { projectId: project.id, projectName: project.name };
}

/** Parses a body with a shared schema; a failure answers with the first broken rule's code (seed table 7-2). */
function parse<S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = z.safeParse(schema, body);
  if (parsed.success) return parsed.data;
  const failure = dwsValidationFailure(parsed.error);
  throw new DwsError(failure.status, failure.body.error_code, failure.body.error_msg);
}

/** Handlers may throw a DwsError; it becomes the documented error body. */
function handle(work: (req: Request, res: Response) => Promise<void> | void): RequestHandler {
  return async (req, res, next) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof DwsError) return sendDwsError(res, error.status, error.code, error.message);
      next(error);
    }
  };
}

/**
 * The quick start sends the cluster's fields without the `{"cluster":...}` wrapper the API reference shows.
 * A body that has no `cluster` but does have a `name` is read as that unwrapped form.
 */
function wrapCluster(body: unknown): unknown {
  if (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    !('cluster' in body) &&
    'name' in body
  ) {
    return { cluster: body };
  }
  return body;
}

const param = (req: Request, name: string) => String(req.params[name]);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A snapshot id that cannot be one answers DWS.5149 ("snapshot id is not valid"), before any lookup. */
function snapshotId(req: Request): string {
  const id = param(req, 'snapshot_id');
  if (!uuidPattern.test(id)) throw DwsError.of(dwsErrors.snapshotIdInvalid);
  return id;
}

/** Chapter 5 of the DWS API reference and its quick start's `/node_types` spelling. */
export function createDwsRouter(deps: { tokens: TokenService; dws: Dws }): Router {
  const { clusters, snapshots } = deps.dws;
  const router = Router();
  const api = Router({ mergeParams: true });
  router.use(['/v1.0/:project_id', '/v2/:project_id'], requireToken(deps.tokens), api);

  /** Serves one call of shared's table, behind the IAM action the table names for it. */
  const on = (
    name: DwsRouteName,
    work: (req: Request, res: Response) => Promise<void> | void,
    alsoAt: string[] = [],
  ) => {
    const route = dwsRoutes[name];
    const method = route.method === 'GET' ? 'get' : route.method === 'POST' ? 'post' : 'delete';
    api[method]([route.path, ...alsoAt], requireAction(route.action), handle(work));
  };

  on(
    'listNodeTypes',
    (_req, res) => {
      res.json({ node_types: listNodeTypes(zonesOf(scope(res))) });
    },
    ['/node_types'],
  );

  on('createCluster', async (req, res) => {
    const { cluster } = parse(dwsRoutes.createCluster.body, wrapCluster(req.body));
    const id = await clusters.createCluster(scope(res), cluster);
    res.status(200).json({ cluster: { id } });
  });

  on('listClusters', (_req, res) => {
    const list = clusters.listClusters(scope(res).projectId).map(toClusterInfo);
    res.json({ clusters: list, count: list.length });
  });

  on('getCluster', (req, res) => {
    res.json({
      cluster: toClusterDetail(clusters.getCluster(scope(res).projectId, param(req, 'cluster_id'))),
    });
  });

  on('deleteCluster', async (req, res) => {
    const body = parse(dwsRoutes.deleteCluster.body, req.body ?? {});
    await clusters.deleteCluster(scope(res), param(req, 'cluster_id'), body.keep_last_manual_snapshot);
    res.status(202).end();
  });

  on('restartCluster', async (req, res) => {
    parse(dwsRoutes.restartCluster.body, req.body);
    await clusters.restartCluster(scope(res), param(req, 'cluster_id'));
    res.status(200).end();
  });

  on('resizeCluster', async (req, res) => {
    const { scale_out } = parse(dwsRoutes.resizeCluster.body, req.body);
    await clusters.resizeCluster(scope(res), param(req, 'cluster_id'), scale_out.count);
    res.status(200).end();
  });

  on('resetPassword', async (req, res) => {
    const { new_password } = parse(dwsRoutes.resetPassword.body, req.body);
    await clusters.resetPassword(scope(res), param(req, 'cluster_id'), new_password);
    res.status(200).end();
  });

  on('createSnapshot', async (req, res) => {
    const { snapshot } = parse(dwsRoutes.createSnapshot.body, req.body);
    const id = await snapshots.createSnapshot(scope(res), snapshot);
    res.status(200).json({ snapshot: { id } });
  });

  on('listSnapshots', (_req, res) => {
    const list = snapshots.listSnapshots(scope(res).projectId).map(toSnapshot);
    res.json({ snapshots: list, count: list.length });
  });

  on('getSnapshot', (req, res) => {
    res.json({ snapshot: toSnapshot(snapshots.getSnapshot(scope(res).projectId, snapshotId(req))) });
  });

  on('deleteSnapshot', async (req, res) => {
    await snapshots.deleteSnapshot(scope(res), snapshotId(req));
    res.status(202).end();
  });

  on('restoreSnapshot', async (req, res) => {
    const body = parse(dwsRoutes.restoreSnapshot.body, req.body);
    const id = await snapshots.restoreSnapshot(scope(res), snapshotId(req), {
      ...body.restore,
      enterprise_project_id: body.restore.enterprise_project_id ?? body.enterprise_project_id,
    });
    res.status(200).json({ cluster: { id } });
  });

  return router;
}
