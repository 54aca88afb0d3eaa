import type { TableCell } from '@dws-console/shared';
import type { Locale } from '../../lib/i18n.tsx';

/**
 * Readable names for the columns DBMind's tools and diagnoses answer with (raw field names or Chinese), in each
 * language of the console; a column not listed keeps the name DBMind gave it.
 */
const columnLabels: Record<string, { 'zh-CN': string; en: string }> = {
  instance: { 'zh-CN': '实例', en: 'Instance' },
  role: { 'zh-CN': '角色', en: 'Role' },
  state: { 'zh-CN': '状态', en: 'State' },
  version: { 'zh-CN': '版本', en: 'Version' },
  start_time: { 'zh-CN': '开始时间', en: 'Start time' },
  connections: { 'zh-CN': '连接数', en: 'Connections' },
  index: { 'zh-CN': '序号', en: 'No.' },
  name: { 'zh-CN': '名称', en: 'Name' },
  size: { 'zh-CN': '大小', en: 'Size' },
  owner: { 'zh-CN': '所有者', en: 'Owner' },
  query: { 'zh-CN': 'SQL', en: 'SQL' },
  n_calls: { 'zh-CN': '调用次数', en: 'Calls' },
  'total_time(ms)': { 'zh-CN': '总耗时(ms)', en: 'Total time (ms)' },
  'mean_time(ms)': { 'zh-CN': '平均耗时(ms)', en: 'Mean time (ms)' },
  user_name: { 'zh-CN': '用户', en: 'User' },
  db_name: { 'zh-CN': '数据库', en: 'Database' },
  datname: { 'zh-CN': '数据库', en: 'Database' },
  application_name: { 'zh-CN': '应用', en: 'Application' },
  client_addr: { 'zh-CN': '客户端地址', en: 'Client address' },
  duration: { 'zh-CN': '持续时长', en: 'Duration' },
  wait_event: { 'zh-CN': '等待事件', en: 'Wait event' },
  sessionid: { 'zh-CN': '会话', en: 'Session' },
  query_start: { 'zh-CN': 'SQL 开始时间', en: 'Query start' },
  wait_seconds: { 'zh-CN': '等待时长(秒)', en: 'Wait (s)' },
  blocking_sessionids: { 'zh-CN': '阻塞会话', en: 'Blocking sessions' },
  blocking_query: { 'zh-CN': '阻塞会话的SQL', en: 'Blocking SQL' },
  'pg_is_in_recovery()': { 'zh-CN': '处于恢复中', en: 'In recovery' },
  transaction_read_only: { 'zh-CN': '事务只读', en: 'Transaction read-only' },
  default_transaction_read_only: { 'zh-CN': '默认事务只读', en: 'Default transaction read-only' },
  索引描述: { 'zh-CN': '索引描述', en: 'Index' },
  预计占用: { 'zh-CN': '预计占用', en: 'Estimated size' },
  预计提升: { 'zh-CN': '预计提升', en: 'Estimated improvement' },
  慢SQL根因: { 'zh-CN': '慢SQL根因', en: 'Root cause' },
  诊断建议: { 'zh-CN': '诊断建议', en: 'Advice' },
  检查项: { 'zh-CN': '检查项', en: 'Check' },
  结果: { 'zh-CN': '结果', en: 'Result' },
  启动时间: { 'zh-CN': '启动时间', en: 'Started at' },
  告警窗口: { 'zh-CN': '告警窗口', en: 'Alarm window' },
  备机地址: { 'zh-CN': '备机地址', en: 'Standby address' },
  状态: { 'zh-CN': '状态', en: 'State' },
  同步方式: { 'zh-CN': '同步方式', en: 'Sync mode' },
  回放延迟: { 'zh-CN': '回放延迟', en: 'Replay lag' },
  复制槽: { 'zh-CN': '复制槽', en: 'Replication slot' },
  类型: { 'zh-CN': '类型', en: 'Type' },
  是否活跃: { 'zh-CN': '是否活跃', en: 'Active' },
  '保留WAL(MB)': { 'zh-CN': '保留WAL(MB)', en: 'Retained WAL (MB)' },
  用户: { 'zh-CN': '用户', en: 'User' },
  应用: { 'zh-CN': '应用', en: 'Application' },
  连接数: { 'zh-CN': '连接数', en: 'Connections' },
  会话: { 'zh-CN': '会话', en: 'Session' },
  数据库: { 'zh-CN': '数据库', en: 'Database' },
  '事务时长(秒)': { 'zh-CN': '事务时长(秒)', en: 'Transaction time (s)' },
  最近的SQL: { 'zh-CN': '最近的SQL', en: 'Last SQL' },
  等待会话: { 'zh-CN': '等待会话', en: 'Waiting session' },
  等待的表: { 'zh-CN': '等待的表', en: 'Table waited on' },
  '等待时长(秒)': { 'zh-CN': '等待时长(秒)', en: 'Wait (s)' },
  等待的SQL: { 'zh-CN': '等待的SQL', en: 'Waiting SQL' },
  阻塞会话: { 'zh-CN': '阻塞会话', en: 'Blocking session' },
  阻塞会话状态: { 'zh-CN': '阻塞会话状态', en: 'Blocking session state' },
  阻塞会话的SQL: { 'zh-CN': '阻塞会话的SQL', en: 'Blocking SQL' },
  累计死锁次数: { 'zh-CN': '累计死锁次数', en: 'Deadlocks' },
  大小: { 'zh-CN': '大小', en: 'Size' },
  '运行时长(秒)': { 'zh-CN': '运行时长(秒)', en: 'Running time (s)' },
  SQL: { 'zh-CN': 'SQL', en: 'SQL' },
};

/** A column's name in the console's language, or the name DBMind gave it when the console does not know it. */
export function columnLabel(name: string, locale: Locale): string {
  return Object.hasOwn(columnLabels, name) ? columnLabels[name]![locale] : name;
}

const truths = new Set(['true', 'on']);
const falsehoods = new Set(['false', 'off']);

/** A truth value, whether a boolean or Python's or PostgreSQL's spelling of one; anything else is not one. */
export function truthOf(value: TableCell): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return truths.has(word) ? true : falsehoods.has(word) ? false : undefined;
}
