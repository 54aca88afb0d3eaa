import { collectStatActivityWorkloads } from './stat-activity-workloads.ts';
import { getDatabaseInfo } from './database-info.ts';
import { getGucParameter } from './guc-parameter.ts';
import { getInstanceStatus } from './instance-status.ts';
import { getLockingSql } from './locking-sql.ts';
import { getMetricRangeSequence } from './metric-range-sequence.ts';
import { indexRecommendation } from './index-recommendation.ts';
import { slowSqlRca } from './slow-sql-rca.ts';
import { summaryAlarms } from './summary-alarms.ts';
import type { Tool } from './tool.ts';
import { getTopSqls } from './top-sqls.ts';

/** The tools a model may choose, in GaussMaster's names. */
export const tools: readonly Tool[] = [
  indexRecommendation,
  slowSqlRca,
  getTopSqls,
  getLockingSql,
  collectStatActivityWorkloads,
  getDatabaseInfo,
  getInstanceStatus,
  getGucParameter,
  getMetricRangeSequence,
  summaryAlarms,
];

export function findTool(name: string): Tool | undefined {
  return tools.find((t) => t.name === name);
}
