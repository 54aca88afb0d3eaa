import { z } from 'zod/mini';

/**
 * `GET /api/alarms` (browser <-> BFF): the current DBMind alarms of every DWS cluster of the session's project,
 * for the overview. "Current" is the window the cluster page's monitoring card opens on (its first range).
 */
export const alarmSeverities = ['critical', 'error', 'warning', 'info'] as const;
export type AlarmSeverity = (typeof alarmSeverities)[number];

/**
 * DBMind's `alarm_level` (GaussMaster's `ALARM_LEVEL`: 50 critical, 40 error, 30 warning, 20 info, or the
 * name), as a severity; an alarm without a level counts as a warning.
 */
export function severityOf(alarmLevel: number | string | undefined): AlarmSeverity {
  if (typeof alarmLevel === 'string') {
    const named = alarmLevel.toLowerCase();
    return (alarmSeverities as readonly string[]).includes(named) ? (named as AlarmSeverity) : 'warning';
  }
  if (alarmLevel === undefined) return 'warning';
  if (alarmLevel >= 50) return 'critical';
  if (alarmLevel >= 40) return 'error';
  if (alarmLevel >= 30) return 'warning';
  return 'info';
}

export const projectClusterAlarmsSchema = z.object({
  cluster_id: z.string(),
  /** Whether DBMind watches the cluster (it is registered); an unwatched cluster has no alarms to show. */
  watched: z.boolean(),
  alarms: z.array(z.object({ name: z.string(), severity: z.enum(alarmSeverities) })),
});
export type ProjectClusterAlarms = z.infer<typeof projectClusterAlarmsSchema>;

export const projectAlarmsSchema = z.object({
  start_time: z.string(),
  end_time: z.string(),
  clusters: z.array(projectClusterAlarmsSchema),
});
export type ProjectAlarms = z.infer<typeof projectAlarmsSchema>;
