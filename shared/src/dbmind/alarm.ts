import { z } from 'zod/mini';

/**
 * The alarm JSON that `summary_alarms` puts in each `一键诊断` button and that fault diagnosis takes as `query`
 * (DBMind's `tb_history_alarms` row as GaussMaster forwards it). Unknown fields are kept.
 */
export const dbmindAlarmSchema = z.looseObject({
  history_alarm_id: z.union([z.string(), z.number()]),
  metric_name: z.string().check(z.minLength(1)),
  instance: z.string(),
  alarm_type: z.optional(z.string()),
  alarm_level: z.optional(z.union([z.number(), z.string()])),
  start_time: z.optional(z.string()),
  end_time: z.optional(z.string()),
  metric_filter: z.optional(z.unknown()),
  alarm_content: z.optional(z.string()),
  alarm_cause: z.optional(z.unknown()),
  cluster_role: z.optional(z.string()),
  cluster_feature: z.optional(z.unknown()),
  source: z.optional(z.string()),
  status: z.optional(z.number()),
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
