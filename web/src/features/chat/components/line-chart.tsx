import { theme } from 'antd';

export interface LineChartProps {
  title?: string;
  labels: string[];
  /** `null` is a missing sample: the line breaks there, it never drops to zero. */
  values: (number | null)[];
  color?: string;
  yLabel?: string;
}

const width = 640;
const height = 220;
const pad = { left: 56, right: 16, top: 16, bottom: 40 };

/** A small SVG line chart: DBMind's graphs hold at most ~50 points, a chart library would be dead weight. */
export function LineChart({ title, labels, values, color, yLabel }: LineChartProps) {
  const { token } = theme.useToken();
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || Math.abs(max) || 1;
  const x = (i: number) =>
    pad.left + (values.length === 1 ? 0 : (i / (values.length - 1)) * (width - pad.left - pad.right));
  const y = (v: number) => pad.top + (1 - (v - min) / span) * (height - pad.top - pad.bottom);
  // One polyline per run of samples between gaps.
  const runs: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) runs.push([]);
    else runs.at(-1)!.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  const stroke = color && /^[a-z]+$|^#[0-9a-f]{3,8}$/i.test(color) ? color : token.colorPrimary;
  const ticks = [min, min + span / 2, min + span];
  const labelEvery = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure style={{ margin: 0 }}>
      {title && <figcaption style={{ fontWeight: 500, marginBottom: 4 }}>{title}</figcaption>}
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={title ?? yLabel ?? 'chart'}
        style={{ width: '100%', maxWidth: width }}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={pad.left}
              x2={width - pad.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke={token.colorBorderSecondary}
            />
            <text
              x={pad.left - 6}
              y={y(tick) + 4}
              textAnchor="end"
              fontSize={11}
              fill={token.colorTextSecondary}
            >
              {Number(tick.toPrecision(4))}
            </text>
          </g>
        ))}
        {labels.map((label, i) =>
          i % labelEvery === 0 ? (
            <text
              key={`${label}-${i}`}
              x={x(i)}
              y={height - pad.bottom + 16}
              textAnchor="middle"
              fontSize={10}
              fill={token.colorTextSecondary}
            >
              {label.length > 8 ? label.slice(-8) : label}
            </text>
          ) : null,
        )}
        {runs
          .filter((run) => run.length > 0)
          .map((run, i) => (
            <polyline key={i} points={run.join(' ')} fill="none" stroke={stroke} strokeWidth={2} />
          ))}
        {values.map((v, i) =>
          v === null || !Number.isFinite(v) ? null : (
            <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={stroke}>
              <title>{`${labels[i] ?? i}: ${v}`}</title>
            </circle>
          ),
        )}
      </svg>
    </figure>
  );
}
