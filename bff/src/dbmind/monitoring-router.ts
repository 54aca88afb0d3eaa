import { Router, type Response } from 'express';
import {
  bffErrorCodes,
  formatDbmindTime,
  graphElementSchema,
  monitoredMetrics,
  monitoringQuerySchema,
  monitoringRanges,
  type ClusterMonitoring,
  type DbmindElement,
  type MetricSeries,
} from '@dws-console/shared';
import { sessionOf, type Sessions } from '../auth/sessions.ts';
import { HttpError, parseInput } from '../http/errors.ts';
import {
  alarmsFrom,
  askDbmind,
  chooseDbmindInstance,
  type DbmindConnection,
  type DbmindSession,
} from './dbmind-client.ts';
import { clusterById, dbmindUserId, type ProjectClusters } from './tenancy.ts';

interface MonitoringDeps {
  sessions: Sessions;
  /** The session's own clusters (tenancy.ts): a cluster of another project is not among them. */
  clusters: ProjectClusters;
  dbmind: DbmindConnection;
}

const clusterIdPattern = /^[A-Za-z0-9-]{1,64}$/;

function seriesFrom(metric: (typeof monitoredMetrics)[number], elements: DbmindElement[]): MetricSeries {
  const graph = elements.map((e) => graphElementSchema.safeParse(e)).find((p) => p.success)?.data;
  return {
    metric,
    unit: graph?.content.y ?? '',
    timestamps: graph?.content.timestamps ?? [],
    values: graph?.content.values ?? [],
  };
}

/**
 * `GET /clusters/:clusterId?range=1h|6h|24h|7d`: DBMind's metric series and alarms of a cluster of the session's
 * project. DBMind has no tenants of its own, so the BFF first finds the cluster in the session's DWS list.
 */
export function createMonitoringRouter(deps: MonitoringDeps): Router {
  const router = Router();
  router.use(deps.sessions.require, (_req, res, next) => {
    res.locals.route = '/api/monitoring/clusters/:id';
    next();
  });

  router.get('/clusters/:clusterId', async (req, res: Response) => {
    const clusterId = String(req.params.clusterId);
    if (!clusterIdPattern.test(clusterId)) {
      throw new HttpError(400, bffErrorCodes.validation, 'cluster_id: must be 1 to 64 letters, digits or -.');
    }
    const query = parseInput(monitoringQuerySchema, req.query);
    res.locals.resource = clusterId;

    const session = sessionOf(res);
    const cluster = await clusterById(deps.clusters, session, clusterId);
    if (!cluster) throw new HttpError(404, bffErrorCodes.notFound, 'cluster_id: no such cluster.');
    const instance = cluster.addresses[0];
    if (!instance) {
      throw new HttpError(
        404,
        bffErrorCodes.notFound,
        'cluster_id: the cluster has no endpoint to monitor yet.',
      );
    }

    // A DBMind user of its own keeps the chat's model choice out of these questions, which the built-in model reads.
    const who: DbmindSession = {
      user_id: `${dbmindUserId(session)}_monitoring`,
      session_id: `cluster_${clusterId.replace(/-/g, '_')}`,
    };
    if (!(await chooseDbmindInstance(deps.dbmind, instance, who))) {
      throw new HttpError(
        404,
        bffErrorCodes.notFound,
        'cluster_id: the cluster is not registered with DBMind.',
      );
    }

    const end = new Date();
    const start = new Date(end.getTime() - monitoringRanges[query.range] * 60_000);
    const window = `从${formatDbmindTime(start)}到${formatDbmindTime(end)}`;
    // One question at a time: they share the DBMind session, whose turns are kept in order.
    const series: MetricSeries[] = [];
    for (const metric of monitoredMetrics) {
      series.push(seriesFrom(metric, await askDbmind(deps.dbmind, who, `${metric}指标${window}`)));
    }
    const alarms = alarmsFrom(await askDbmind(deps.dbmind, who, `${window}的告警`));
    const body: ClusterMonitoring = {
      instance,
      start_time: formatDbmindTime(start),
      end_time: formatDbmindTime(end),
      series,
      alarms,
    };
    res.json(body);
  });

  return router;
}
