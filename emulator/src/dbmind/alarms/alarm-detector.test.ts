import { describe, expect, it } from 'vitest';
import type { ManagedInstance } from '../managed-instances.ts';
import type { InstanceSample } from '../metrics/metrics-sampler.ts';
import { defaultThresholds } from '../metrics/thresholds.ts';
import { AlarmDetector } from './alarm-detector.ts';

const instance: ManagedInstance = {
  clusterId: 'c1',
  name: 'c1',
  projectId: 'p1',
  host: '127.0.0.1',
  port: 5432,
  adminUser: 'dbadmin',
  adminPassword: 'unused',
  database: 'postgres',
};

function sample(metrics: InstanceSample['metrics'], extra: Partial<InstanceSample> = {}): InstanceSample {
  return {
    address: '127.0.0.1:5432',
    at: 1_000,
    reachable: true,
    restarted: false,
    metrics,
    longTransactions: [],
    slowQueries: [],
    lockWaits: [],
    ...extra,
  };
}

describe('alarm texts', () => {
  it('says a value at its limit reached the limit, as the alarm is raised there', () => {
    const detector = new AlarmDetector(defaultThresholds);
    detector.evaluate(
      instance,
      sample(
        { os_disk_usage: defaultThresholds.diskUsagePercent, gaussdb_connection_usage: 90 },
        { connections: 9, connectionLimit: 10 },
      ),
    );
    const texts = detector.openAlarms('127.0.0.1:5432').map((alarm) => alarm.content);
    expect(texts).toContain('磁盘使用率80.00%达到告警上限: 80%');
    expect(texts).toContain('连接数使用率90.00%达到告警上限: 90%（9/10）');
    expect(texts.join('\n')).not.toContain('超过');
  });
});
