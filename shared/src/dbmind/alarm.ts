import { z } from 'zod';

/**
 * The alarm JSON that `summary_alarms` puts in each `一键诊断` button and that fault diagnosis takes as `query`
 * (DBMind's `tb_history_alarms` row as GaussMaster forwards it). Unknown fields are kept.
 */
export const dbmindAlarmSchema = z.looseObject({
  history_alarm_id: z.union([z.string(), z.number()]),
  metric_name: z.string().min(1),
  instance: z.string(),
  alarm_type: z.string().optional(),
  alarm_level: z.union([z.number(), z.string()]).optional(),
  start_time: z.string().optional(),
  end_time: z.string().optional(),
  metric_filter: z.unknown().optional(),
  alarm_content: z.string().optional(),
  alarm_cause: z.unknown().optional(),
  cluster_role: z.string().optional(),
  cluster_feature: z.unknown().optional(),
  source: z.string().optional(),
  status: z.number().optional(),
});
export type DbmindAlarm = z.infer<typeof dbmindAlarmSchema>;

/** DBMind's node feature vector for `gaussdb_cluster_state` alarms (data node), in its input order. */
export const dnFeatureNames = [
  'dn_status',
  'dn_manual_stop',
  'dn_disk_damage',
  'dn_nic_down',
  'bind_ip_failed',
  'dn_port_conflict',
  'cms_phonydead_restart',
  'cms_restart_pending',
  'dn_read_only',
  'ping',
  'ffic_updated',
  'dn_ping_standby',
  'dn_writable',
] as const;
export type DnFeatureName = (typeof dnFeatureNames)[number];
