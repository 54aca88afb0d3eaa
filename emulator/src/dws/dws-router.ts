import { Router } from 'express';
import { sendDwsError } from '../http/errors.ts';
import type { TokenService } from '../iam/tokens.ts';
import { requireAction, requireToken, token } from './auth.ts';
import { toClusterInfo, type ClusterStore } from './cluster-store.ts';

export function createDwsRouter(deps: { tokens: TokenService; clusters: ClusterStore }): Router {
  const router = Router();
  const v1 = Router({ mergeParams: true });
  router.use('/v1.0/:project_id', requireToken(deps.tokens), v1);

  v1.get('/clusters', requireAction('dws:openAPICluster:list'), (req, res) => {
    const clusters = deps.clusters.list(token(res).projectId).map(toClusterInfo);
    res.json({ clusters, count: clusters.length });
  });

  v1.get('/clusters/:cluster_id', requireAction('dws:openAPICluster:getDetail'), (req, res) => {
    const cluster = deps.clusters.get(token(res).projectId, String(req.params.cluster_id));
    if (!cluster) return sendDwsError(res, 404, 'DWS.5021', 'The cluster does not exist.');
    res.json({ cluster: toClusterInfo(cluster) });
  });

  return router;
}
