import type { AlarmDetector } from '../alarms/alarm-detector.ts';
import type { ClusterDirectory } from '../cluster-directory.ts';
import { ToolError } from '../errors.ts';
import { instanceAddress } from '../managed-instances.ts';
import type { MetricHistory } from '../metrics/metric-history.ts';
import type { MetricsSampler } from '../metrics/metrics-sampler.ts';
import type { DetectionThresholds } from '../metrics/thresholds.ts';
import type { ModelRegistry } from '../model/model-registry.ts';
import type { SessionStore } from '../sessions.ts';
import type { ToolContext } from '../tools/tool.ts';

/** The answer to a question asked before the session chose a cluster (there is no default cluster). */
export const noInstanceChosen = '当前会话尚未选择数据库集群，请先选择一个已注册的集群';

/** Everything the DBMind API works with; built once by `createDbmind`, handed to the router. */
export interface DbmindServices {
  directory: ClusterDirectory;
  sessions: SessionStore;
  models: ModelRegistry;
  sampler: MetricsSampler;
  /** The metric series, from Prometheus. */
  metrics: MetricHistory;
  alarms: AlarmDetector;
  thresholds: DetectionThresholds;
  /** Prefer hypothetical indexes (hypopg) when the extension can be used. */
  useHypopg: boolean;
  now: () => number;
}

/** The tool context of a session: the cluster it chose with `PUT /v1/api/clusters`. */
export async function toolContextFor(
  services: DbmindServices,
  userId: string,
  sessionId: string,
  signal: AbortSignal,
): Promise<ToolContext> {
  const instance = await services.directory.resolve(services.sessions.instanceFor(userId, sessionId));
  if (!instance) throw new ToolError(noInstanceChosen);
  return {
    instance,
    address: instanceAddress(instance),
    target: (database) => services.directory.target(instance, database),
    directory: services.directory,
    sampler: services.sampler,
    metrics: services.metrics,
    alarms: services.alarms,
    thresholds: services.thresholds,
    useHypopg: services.useHypopg,
    now: services.now,
    signal,
  };
}
