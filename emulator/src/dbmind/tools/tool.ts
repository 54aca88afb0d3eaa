import type { DbmindElement } from '@dws-console/shared';
import type { AlarmDetector } from '../alarms/alarm-detector.ts';
import type { ClusterDirectory } from '../cluster-directory.ts';
import type { ManagedInstance } from '../managed-instances.ts';
import type { MetricHistory } from '../metrics/metric-history.ts';
import type { MetricsSampler } from '../metrics/metrics-sampler.ts';
import type { DetectionThresholds } from '../metrics/thresholds.ts';
import type { ConnectionTarget } from '../../postgres/connection-target.ts';

/** A tool parameter as GaussMaster declares it (`Param(name, description, param_type, required)`). */
export interface ToolParam {
  name: string;
  description: string;
  type: 'str' | 'int';
  required: boolean;
}

/** What a model sees of a tool. */
export interface ToolSpec {
  name: string;
  description: string;
  params: ToolParam[];
}

export type ToolArguments = Record<string, string | number | undefined>;

/** How a tool reaches the session's instance and DBMind's own state. */
export interface ToolContext {
  instance: ManagedInstance;
  /** `host:port` of the instance. */
  address: string;
  /** Where to connect, with the registered account when there is one. */
  target(database?: string): ConnectionTarget;
  directory: ClusterDirectory;
  sampler: MetricsSampler;
  metrics: MetricHistory;
  alarms: AlarmDetector;
  thresholds: DetectionThresholds;
  /** `false` forces the index advisor to build real indexes in a rolled-back transaction. */
  useHypopg: boolean;
  now(): number;
  signal: AbortSignal;
}

export interface Tool extends ToolSpec {
  run(context: ToolContext, args: ToolArguments): Promise<DbmindElement[]>;
}

export function stringArg(args: ToolArguments, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/**
 * The end of a time range in ms. Times are given to the second, so the end covers its whole second; a range
 * that reaches the present takes a fresh sample first and extends to now, so the answer is true as of now.
 */
export async function rangeEnd(context: ToolContext, end: Date): Promise<number> {
  const endMs = end.getTime() + 999;
  if (endMs < context.now() - 2000) return endMs;
  await context.sampler.sampleNow(context.instance);
  return Math.max(endMs, context.now());
}
