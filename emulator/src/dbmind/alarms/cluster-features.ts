import type { DnFeatureName } from '@dws-console/shared';
import type { InstanceSample } from '../metrics/metrics-sampler.ts';

export type ClusterFeatures = Record<DnFeatureName, number>;

/** The order DBMind prints the feature vector in `alarm_content` (as in the seed's second example). */
export const featurePrintOrder = [
  'ping',
  'dn_status',
  'bind_ip_failed',
  'dn_ping_standby',
  'ffic_updated',
  'cms_phonydead_restart',
  'cms_restart_pending',
  'dn_read_only',
  'dn_manual_stop',
  'dn_disk_damage',
  'dn_nic_down',
  'dn_port_conflict',
  'dn_writable',
] as const satisfies readonly DnFeatureName[];

/** DBMind's DN status codes (`DN_STATUS`). */
export const dnStatus = { normal: 0, unknown: 1, readOnly: 9 } as const;

export const dnStatusText: Record<number, string> = {
  [-1]: 'CM异常',
  0: '正常',
  1: '未知',
  2: '需要修复',
  3: '升降级中',
  4: '磁盘损坏',
  5: '端口冲突',
  6: '构建中',
  7: '构建失败',
  8: '内核错误',
  9: '只读模式',
  10: '被手动停止',
};

/** GaussMaster's `FEATURE_MAP` (data-node features). */
export const featureText: Record<string, string> = {
  ping: '网络异常',
  dn_status: 'dn节点状态',
  bind_ip_failed: 'dn绑定ip失败',
  dn_ping_standby: '主备间日志同步异常',
  ffic_updated: 'ffic日志更新',
  cms_phonydead_restart: 'cms仲裁僵死超时重启',
  cms_restart_pending: 'cms仲裁重启dn',
  dn_read_only: 'dn只读',
  dn_manual_stop: 'dn手动停止',
  dn_disk_damage: 'dn磁盘故障',
  dn_nic_down: 'dn网卡故障',
  dn_port_conflict: 'dn端口冲突',
  dn_writable: 'dn写入故障',
};

/** GaussMaster's `ANSWER_MAP.dn`. */
export const diagnosisText: Record<string, string> = {
  Normal: '正常',
  Unknown: '未知原因',
  'DN manual stop': 'DN被手动停止',
  'DN disk Damage': 'DN磁盘损坏',
  'DN nic down': 'DN网卡故障',
  'DN port conflict': 'DN端口冲突',
  'DN restarted by cms': 'cm_server仲裁重启DN',
  'DN phony dead': 'DN僵死重启',
  Core: '内核错误',
  'DN read only': 'DN只读',
  'DN down/disconnection': 'DN宕机或断网',
  'DN Primary disconnected with Standby': '主备DN间网络异常',
  'DN ip lost': 'DN无法绑定ip',
};

/** DBMind's data-node decision tree (`dn_diagnosis`), returning its answer name. */
export function diagnoseDataNode(f: Partial<ClusterFeatures>): string {
  if (f.ffic_updated) return 'Core';
  switch (f.dn_status) {
    case 0:
      if (f.dn_nic_down) return 'DN nic down';
      if (f.ping) return 'DN down/disconnection';
      if (f.bind_ip_failed) return 'DN ip lost';
      if (f.cms_restart_pending) return 'DN restarted by cms';
      if (f.dn_ping_standby) return 'DN Primary disconnected with Standby';
      if (f.dn_port_conflict) return 'DN port conflict';
      if (f.dn_disk_damage || f.dn_writable) return 'DN disk Damage';
      if (f.dn_read_only) return 'DN read only';
      if (f.cms_phonydead_restart) return 'DN phony dead';
      if (f.dn_manual_stop) return 'DN manual stop';
      break;
    case 1:
      if (f.dn_nic_down) return 'DN nic down';
      if (f.ping) return 'DN down/disconnection';
      if (f.bind_ip_failed) return 'DN ip lost';
      if (f.cms_phonydead_restart) return 'DN phony dead';
      break;
    case 2:
      if (f.cms_restart_pending) return 'DN restarted by cms';
      if (f.dn_ping_standby) return 'DN Primary disconnected with Standby';
      break;
    case 4:
      if (f.dn_disk_damage || f.dn_writable) return 'DN disk Damage';
      break;
    case 5:
      if (f.dn_port_conflict) return 'DN port conflict';
      break;
    case 9:
      if (f.dn_read_only) return 'DN read only';
      break;
    case 10:
      if (f.dn_manual_stop) return 'DN manual stop';
      break;
    default:
      break;
  }
  return 'Unknown';
}

const networkErrors = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Down is Prometheus's word: its exporter could not reach the server at the last scrape (`pg_up` 0). The look,
 * newer than that scrape, can only take it back: a server it reached has come back, and one that refused it as
 * full (SQLSTATE 53300, which the exporter cannot log in to either) is up.
 */
export function isDown(sample: InstanceSample): boolean {
  return sample.metrics.pg_up === 0 && !sample.reachable && sample.errorCode !== '53300';
}

/**
 * PostgreSQL's closest equivalents of DBMind's features: reachability for `ping`, a refused connection for an
 * unknown DN state, read-only for `dn_read_only`, a moved postmaster start time for a restart, inactive replication
 * slots for a standby that lost its primary, a nearly full disk for `dn_writable`.
 */
export function featuresOf(sample: InstanceSample, diskLimitPercent = 98): ClusterFeatures {
  const features = Object.fromEntries(featurePrintOrder.map((name) => [name, 0])) as ClusterFeatures;
  if (isDown(sample)) {
    features.dn_status = dnStatus.unknown;
    if (sample.errorCode && networkErrors.has(sample.errorCode)) features.ping = 1;
    return features;
  }
  if (!sample.reachable) return features;
  if (sample.readOnly && !sample.inRecovery) {
    features.dn_read_only = 1;
    features.dn_status = dnStatus.readOnly;
  }
  if (sample.restarted) features.cms_restart_pending = 1;
  if ((sample.inactiveSlots ?? 0) > 0) features.dn_ping_standby = 1;
  if ((sample.metrics.os_disk_usage ?? 0) >= diskLimitPercent) features.dn_writable = 1;
  return features;
}

export function isAbnormal(features: ClusterFeatures): boolean {
  return Object.values(features).some((v) => v !== 0);
}
