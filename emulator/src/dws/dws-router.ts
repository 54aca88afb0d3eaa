import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  createClusterRequestSchema,
  createSnapshotRequestSchema,
  deleteClusterRequestSchema,
  dwsActions,
  dwsErrors,
  dwsValidationFailure,
  resetPasswordRequestSchema,
  resizeClusterRequestSchema,
  restartClusterRequestSchema,
  restoreSnapshotRequestSchema,
} from '@dws-console/shared';
import type { z } from 'zod';
import { sendDwsError } from '../http/errors.ts';
import type { TokenService } from '../iam/tokens.ts';
import { requireAction, requireToken, token } from './auth.ts';
import { zonesOf, type ClusterService, type ProjectScope } from './cluster-service.ts';
import { toClusterDetail, toClusterInfo, toSnapshot } from './cluster-view.ts';
import { DwsError } from './dws-error.ts';
import { listNodeTypes } from './node-type-catalogue.ts';

export { dwsActions };

function scope(res: Response): ProjectScope {
  const { project } = token(res);
  return { projectId: project.id, projectName: project.name };
}

/** Parses a body with a shared schema; a failure answers with the first broken rule's code (seed table 7-2). */
function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
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
export function createDwsRouter(deps: { tokens: TokenService; clusters: ClusterService }): Router {
  const { clusters } = deps;
  const router = Router();
  const api = Router({ mergeParams: true });
  router.use(['/v1.0/:project_id', '/v2/:project_id'], requireToken(deps.tokens), api);

  const nodeTypes = handle((_req, res) => {
    res.json({ node_types: listNodeTypes(zonesOf(scope(res))) });
  });
  api.get(['/node-types', '/node_types'], requireAction(dwsActions.listNodeTypes), nodeTypes);

  api.post(
    '/clusters',
    requireAction(dwsActions.createCluster),
    handle(async (req, res) => {
      const { cluster } = parse(createClusterRequestSchema, wrapCluster(req.body));
      const id = await clusters.createCluster(scope(res), cluster);
      res.status(200).json({ cluster: { id } });
    }),
  );

  api.get(
    '/clusters',
    requireAction(dwsActions.listClusters),
    handle((_req, res) => {
      const list = clusters.listClusters(scope(res).projectId).map(toClusterInfo);
      res.json({ clusters: list, count: list.length });
    }),
  );

  api.get(
    '/clusters/:cluster_id',
    requireAction(dwsActions.getCluster),
    handle((req, res) => {
      res.json({
        cluster: toClusterDetail(clusters.getCluster(scope(res).projectId, param(req, 'cluster_id'))),
      });
    }),
  );

  api.delete(
    '/clusters/:cluster_id',
    requireAction(dwsActions.deleteCluster),
    handle(async (req, res) => {
      const body = parse(deleteClusterRequestSchema, req.body ?? {});
      await clusters.deleteCluster(scope(res), param(req, 'cluster_id'), body.keep_last_manual_snapshot);
      res.status(202).end();
    }),
  );

  api.post(
    '/clusters/:cluster_id/restart',
    requireAction(dwsActions.restartCluster),
    handle(async (req, res) => {
      parse(restartClusterRequestSchema, req.body);
      await clusters.restartCluster(scope(res), param(req, 'cluster_id'));
      res.status(200).end();
    }),
  );

  api.post(
    '/clusters/:cluster_id/resize',
    requireAction(dwsActions.resizeCluster),
    handle(async (req, res) => {
      const { scale_out } = parse(resizeClusterRequestSchema, req.body);
      await clusters.resizeCluster(scope(res), param(req, 'cluster_id'), scale_out.count);
      res.status(200).end();
    }),
  );

  api.post(
    '/clusters/:cluster_id/reset-password',
    requireAction(dwsActions.resetPassword),
    handle(async (req, res) => {
      const { new_password } = parse(resetPasswordRequestSchema, req.body);
      await clusters.resetPassword(scope(res), param(req, 'cluster_id'), new_password);
      res.status(200).end();
    }),
  );

  api.post(
    '/snapshots',
    requireAction(dwsActions.createSnapshot),
    handle(async (req, res) => {
      const { snapshot } = parse(createSnapshotRequestSchema, req.body);
      const id = await clusters.createSnapshot(scope(res), snapshot);
      res.status(200).json({ snapshot: { id } });
    }),
  );

  api.get(
    '/snapshots',
    requireAction(dwsActions.listSnapshots),
    handle((_req, res) => {
      const list = clusters.listSnapshots(scope(res).projectId).map(toSnapshot);
      res.json({ snapshots: list, count: list.length });
    }),
  );

  api.get(
    '/snapshots/:snapshot_id',
    requireAction(dwsActions.getSnapshot),
    handle((req, res) => {
      res.json({
        snapshot: toSnapshot(clusters.getSnapshot(scope(res).projectId, snapshotId(req))),
      });
    }),
  );

  api.delete(
    '/snapshots/:snapshot_id',
    requireAction(dwsActions.deleteSnapshot),
    handle(async (req, res) => {
      await clusters.deleteSnapshot(scope(res), snapshotId(req));
      res.status(202).end();
    }),
  );

  api.post(
    '/snapshots/:snapshot_id/actions',
    requireAction(dwsActions.restoreSnapshot),
    handle(async (req, res) => {
      const body = parse(restoreSnapshotRequestSchema, req.body);
      const id = await clusters.restoreSnapshot(scope(res), snapshotId(req), {
        ...body.restore,
        enterprise_project_id: body.restore.enterprise_project_id ?? body.enterprise_project_id,
      });
      res.status(200).json({ cluster: { id } });
    }),
  );

  return router;
}
