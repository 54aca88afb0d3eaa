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

describe("rules over Prometheus's figures", () => {
  const address = '127.0.0.1:5432';
  const raised = (detector: AlarmDetector) =>
    detector.openAlarms(address).map((alarm) => `${alarm.metricName} ${alarm.alarmLevel} ${alarm.content}`);

  it("counts long transactions as Prometheus counts them, naming the look's session when it found one", () => {
    const detector = new AlarmDetector(defaultThresholds);
    detector.evaluate(instance, sample({ pg_long_transaction_count: 2 }));
    expect(raised(detector)).toEqual(['pg_long_transaction_count 30 存在2个持续超过60秒的长事务']);

    const session = {
      pid: 42,
      user: 'dbadmin',
      database: 'gaussdb',
      state: 'idle in transaction',
      query: 'BEGIN',
      querySeconds: 70,
      transactionSeconds: 70,
    };
    detector.evaluate(instance, sample({ pg_long_transaction_count: 1 }, { longTransactions: [session] }));
    expect(raised(detector)[0]).toMatch(/^pg_long_transaction_count 30 存在1个.*（会话42，dbadmin@gaussdb，/);

    // Prometheus no longer counts one: the alarm ends, whatever the look saw.
    detector.evaluate(instance, sample({ pg_long_transaction_count: 0 }, { longTransactions: [session] }));
    expect(raised(detector)).toEqual([]);
  });

  it('says a server is down when Prometheus could not reach it and the look could not either', () => {
    const detector = new AlarmDetector(defaultThresholds);
    const refused = { reachable: false, errorCode: 'ECONNREFUSED' };
    // Prometheus still had it answering at its last scrape: no word of an outage yet.
    detector.evaluate(instance, sample({ pg_up: 1 }, refused));
    expect(raised(detector)).toEqual([]);
    detector.evaluate(instance, sample({ pg_up: 0 }, refused));
    expect(raised(detector)).toEqual([
      expect.stringMatching(/^gaussdb_cluster_state 50 .*"dn_status": 1.* Unknown$/),
    ]);
    // The look reached it again before the next scrape: it is back.
    detector.evaluate(instance, sample({ pg_up: 0 }));
    expect(raised(detector)).toEqual([]);
  });

  it('takes a server that refuses new sessions as full for being full, not as down', () => {
    const detector = new AlarmDetector(defaultThresholds);
    detector.evaluate(
      instance,
      sample({ pg_up: 0, gaussdb_connection_usage: 100 }, { reachable: false, errorCode: '53300' }),
    );
    expect(raised(detector)).toEqual([
      'gaussdb_connection_usage 40 连接数已满，新连接被拒绝（too many connections）',
    ]);
  });
});
