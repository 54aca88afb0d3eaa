import { Router } from 'express';
import {
  dbmindAlarmSchema,
  formatDbmindTime,
  monitoringRanges,
  severityOf,
  type ProjectAlarms,
  type ProjectClusterAlarms,
} from '@dws-console/shared';
import { sessionOf, type Sessions } from '../auth/sessions.ts';
import {
  alarmsFrom,
  askDbmind,
  chooseDbmindInstance,
  dbmindAddresses,
  dbmindClusterMap,
  type DbmindConnection,
  type DbmindSession,
} from './dbmind-client.ts';
import { dbmindUserId, type ProjectClusters } from './tenancy.ts';

interface AlarmsDeps {
  sessions: Sessions;
  /** The project's DWS clusters, listed with the session's own token: another project's are not in it. */
  clusters: ProjectClusters;
  dbmind: DbmindConnection;
}

/** The window the cluster page's monitoring card opens on, so the overview counts what that card shows. */
const windowMinutes = monitoringRanges['1h'];

/**
 * `GET /`: the current DBMind alarms of each DWS cluster of the session's project, and which of them DBMind
 * does not watch. DBMind has no tenants, so only the addresses of the session's own clusters are asked about.
 */
export function createAlarmsRouter(deps: AlarmsDeps): Router {
  const router = Router();
  router.use(deps.sessions.require, (_req, res, next) => {
    res.locals.route = '/api/alarms';
    next();
  });

  router.get('/', async (_req, res) => {
    const session = sessionOf(res);
    const clusters = await deps.clusters.list(session);
    const watched = Object.entries(await dbmindClusterMap(deps.dbmind))
      .filter(([, cluster]) => cluster.managed)
      .map(([address, cluster]) => ({ address, addresses: dbmindAddresses(address, cluster) }));

    const end = new Date();
    const start = new Date(end.getTime() - windowMinutes * 60_000);
    const window = `从${formatDbmindTime(start)}到${formatDbmindTime(end)}`;
    const userId = `${dbmindUserId(session)}_alarms`;

    const answers: ProjectClusterAlarms[] = await Promise.all(
      clusters.map(async (cluster): Promise<ProjectClusterAlarms> => {
        const instance = watched.find((w) => w.addresses.some((a) => cluster.addresses.includes(a)));
        if (!instance) return { cluster_id: cluster.id, watched: false, alarms: [] };
        // A DBMind session per cluster: questions about two clusters never share a chosen instance.
        const who: DbmindSession = { user_id: userId, session_id: `alarms_${cluster.id.replace(/-/g, '_')}` };
        if (!(await chooseDbmindInstance(deps.dbmind, instance.address, who))) {
          return { cluster_id: cluster.id, watched: false, alarms: [] };
        }
        const alarms = alarmsFrom(await askDbmind(deps.dbmind, who, `${window}的告警`)).map((alarm) => {
          let level: unknown;
          try {
            level = dbmindAlarmSchema.safeParse(JSON.parse(alarm.event)).data?.alarm_level;
          } catch {
            level = undefined;
          }
          return { name: alarm.name, severity: severityOf(level as number | string | undefined) };
        });
        return { cluster_id: cluster.id, watched: true, alarms };
      }),
    );
    const body: ProjectAlarms = {
      start_time: formatDbmindTime(start),
      end_time: formatDbmindTime(end),
      clusters: answers,
    };
    res.json(body);
  });

  return router;
}
