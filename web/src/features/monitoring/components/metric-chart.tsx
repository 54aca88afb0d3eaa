import { useEffect, useRef } from 'react';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerEcharts, type ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { outages, type Point } from './series-points.ts';

// Only what a time-series line needs, so the chunk stays as small as ECharts allows (decision 021).
registerEcharts([LineChart, GridComponent, TooltipComponent, MarkAreaComponent, SVGRenderer]);

export interface MetricChartProps {
  title: string;
  unit: string;
  points: Point[];
  isDark: boolean;
  /** The window asked for (ms): the axis spans it, so 1 h and 7 d never look alike. */
  window?: { from: number; to: number };
  /** The name of a shaded span where the server did not answer. */
  outageLabel?: string;
}

/**
 * One metric over time; `null` values are gaps, shaded so that an outage reads as one. Drawn as SVG, so the drawn
 * line is part of the page.
 */
export function MetricChart({ title, unit, points, isDark, window, outageLabel }: MetricChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts>(undefined);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, isDark ? 'dark' : undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [isDark]);

  useEffect(() => {
    chart.current?.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 48, right: 16, top: 16, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (value: unknown) =>
          typeof value === 'number' ? `${Number(value.toFixed(2))} ${unit}`.trim() : '-',
      },
      xAxis: { type: 'time', min: window?.from, max: window?.to },
      yAxis: { type: 'value', scale: true, name: unit, nameGap: 8 },
      series: [
        {
          name: title,
          type: 'line',
          data: points,
          showSymbol: false,
          connectNulls: false,
          markArea: {
            silent: true,
            itemStyle: { color: 'rgba(255, 77, 79, 0.15)' },
            label: { color: '#ff4d4f', position: 'insideTop' },
            data: outages(points).map(([from, to]) => [{ xAxis: from, name: outageLabel }, { xAxis: to }]),
          },
        },
      ],
    });
  }, [title, unit, points, isDark, window, outageLabel]);

  return <div ref={element} data-testid="metric-chart" style={{ height: 180, width: '100%' }} />;
}
