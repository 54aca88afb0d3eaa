import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Empty, List, Row, Segmented, Skeleton, Typography } from 'antd';
import {
  monitoringRanges,
  type MetricSeries,
  type MonitoringAlarm,
  type MonitoringRange,
} from '@dws-console/shared';
import { useLocation } from 'react-router';
import { useThemeMode } from '../../../lib/theme.tsx';
import { useClusterMonitoringQuery } from '../api/get-cluster-monitoring.ts';
import { useI18n } from '../../../lib/i18n.tsx';
import { useMonitoringT, useUnitLabel } from '../messages.ts';
import { latestValue, parseDbmindTime, seriesPoints } from './series-points.ts';

// ECharts is loaded with the first chart, not with the cluster page or the clusters list.
const MetricChart = lazy(() => import('./metric-chart.tsx').then((m) => ({ default: m.MetricChart })));

export interface ClusterMonitoringProps {
  clusterId: string;
  /** Opens the chat's fault diagnosis with this alarm. */
  onDiagnose: (alarm: MonitoringAlarm) => void;
}

interface SeriesCardProps {
  series: MetricSeries;
  isDark: boolean;
  window: { from: number; to: number };
}

function SeriesCard({ series, isDark, window }: SeriesCardProps) {
  const t = useMonitoringT();
  const { locale } = useI18n();
  const unit = useUnitLabel()(series.unit);
  const points = useMemo(() => seriesPoints(series), [series]);
  const latest = latestValue(points);
  const title = t(`metric.${series.metric}`);
  // Two decimals are as many as a person compares; DBMind sends four.
  const shown =
    latest === undefined ? '' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(latest);
  return (
    <Card size="small" title={title} data-testid={`series-${series.metric}`}>
      {latest === undefined ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />
      ) : (
        <>
          <Typography.Text type="secondary" data-testid="latest-value">
            {t('latest', { value: unit.startsWith('/') ? `${shown}${unit}` : `${shown} ${unit}`.trim() })}
          </Typography.Text>
          <Suspense fallback={<Skeleton active />}>
            <MetricChart
              title={title}
              unit={unit}
              points={points}
              isDark={isDark}
              window={window}
              outageLabel={t('outage')}
            />
          </Suspense>
        </>
      )}
    </Card>
  );
}

/** DBMind's view of a cluster: its metric series over a window ending now, and its alarms in that window. */
export function ClusterMonitoring({ clusterId, onDiagnose }: ClusterMonitoringProps) {
  const t = useMonitoringT();
  const { mode } = useThemeMode();
  const [range, setRange] = useState<MonitoringRange>('1h');
  const query = useClusterMonitoringQuery({ clusterId, range });
  // The overview's alarm figures link here (`#monitoring`): the card comes into view once it has its alarms.
  const { hash } = useLocation();
  const card = useRef<HTMLDivElement>(null);
  const loaded = query.data !== undefined;
  const start = query.data?.start_time;
  const end = query.data?.end_time;
  const window = useMemo(
    () => ({ from: parseDbmindTime(start ?? ''), to: parseDbmindTime(end ?? '') }),
    [start, end],
  );
  useEffect(() => {
    if (hash === '#monitoring' && loaded) card.current?.scrollIntoView({ block: 'start' });
  }, [hash, loaded]);

  return (
    <Card
      ref={card}
      id="monitoring"
      title={t('title')}
      data-testid="cluster-monitoring"
      extra={
        <Segmented
          value={range}
          options={Object.keys(monitoringRanges) as MonitoringRange[]}
          onChange={setRange}
        />
      }
    >
      {query.isError && (
        <Alert type="warning" showIcon message={t('loadFailed', { message: query.error.message })} />
      )}
      {query.isPending && <Skeleton active />}
      {query.data && (
        <>
          <Row gutter={[16, 16]}>
            {query.data.series.map((series) => (
              <Col key={series.metric} xs={24} lg={12} xxl={8}>
                <SeriesCard series={series} isDark={mode === 'dark'} window={window} />
              </Col>
            ))}
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('alarms')}
          </Typography.Title>
          <List
            data-testid="monitoring-alarms"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noAlarms')} /> }}
            dataSource={query.data.alarms}
            renderItem={(alarm) => (
              <List.Item
                data-testid="monitoring-alarm"
                actions={[
                  <Button key="diagnose" size="small" onClick={() => onDiagnose(alarm)}>
                    {t('diagnose')}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={alarm.name} description={alarm.description} />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
