import { Alert, Button, Card, Descriptions, Divider, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { failureTexts, useChatT } from '../messages.ts';
import type { ChatElement } from '../hooks/conversation-store.ts';
import { LineChart } from './line-chart.tsx';

export interface ElementViewProps {
  element: ChatElement;
  /** Asks a follow-up question (a button's `question`), in the given mode. */
  onAsk: (question: string, mode: 'tool_interaction' | 'fault_diagnostic') => void;
}

const textColors: Record<string, string> = {
  red: '#cf1322',
  green: '#389e0d',
  orange: '#d46b08',
  blue: '#0958d9',
};

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Any value as display text: strings as they are, everything else as JSON. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Elements keep their fields either flat or under `content`; read both. */
function field(element: ChatElement, name: string): unknown {
  return element[name] ?? asRecord(element.content)[name];
}

function toCsv(headers: string[], rows: unknown[][]): string {
  const cell = (value: unknown) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [headers, ...rows].map((row) => row.map(cell).join(',')).join('\n');
}

function TableElement({ element }: { element: ChatElement }) {
  const t = useChatT();
  const rawHeaders = field(element, 'headers');
  const rawRows = field(element, 'rows');
  const headers = useMemo(() => (Array.isArray(rawHeaders) ? rawHeaders.map(text) : []), [rawHeaders]);
  const rows = Array.isArray(rawRows) ? rawRows.filter((row): row is unknown[] => Array.isArray(row)) : [];
  const columns = useMemo(
    () =>
      headers.map((title, i) => ({
        title,
        dataIndex: String(i),
        key: String(i),
        sorter: (a: Record<string, unknown>, b: Record<string, unknown>) =>
          text(a[String(i)]).localeCompare(text(b[String(i)]), undefined, { numeric: true }),
        render: (value: unknown) => text(value),
      })),
    [headers],
  );
  const data = rows.map((row, key) => ({
    key,
    ...Object.fromEntries(row.map((value, i) => [String(i), value])),
  }));
  return (
    <div>
      <Table
        size="small"
        columns={columns}
        dataSource={data}
        pagination={rows.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: true }}
      />
      <Typography.Text
        copyable={{ text: toCsv(headers, rows), tooltips: [t('copyCsv'), t('copied')] }}
        type="secondary"
      >
        {t('copyCsv')}
      </Typography.Text>
    </div>
  );
}

function AlarmCard({ element, onAsk }: ElementViewProps) {
  const t = useChatT();
  const content = asRecord(element.content);
  const listed: unknown[] = Array.isArray(element.buttons) ? element.buttons : [];
  const buttons = [element.button, content.button, ...listed]
    .map(asRecord)
    .filter((b) => typeof b.question === 'string' || typeof b.name === 'string');
  const shown = Object.entries(content).filter(
    ([key, value]) => key !== 'button' && (typeof value !== 'object' || value === null),
  );
  const level = text(content.alarm_level ?? content.level);
  return (
    <Card
      size="small"
      title={text(content.metric_name ?? content.title) || 'alarm'}
      extra={level && <Tag color="red">{level}</Tag>}
    >
      <Descriptions
        size="small"
        column={1}
        items={shown.map(([key, value]) => ({ key, label: key, children: text(value) }))}
      />
      <Space style={{ marginTop: 8 }}>
        {buttons.map((button, i) => (
          <Button
            key={i}
            type="primary"
            danger
            onClick={() =>
              onAsk(
                typeof button.question === 'string' ? button.question : JSON.stringify(content),
                'fault_diagnostic',
              )
            }
          >
            {typeof button.name === 'string' ? button.name : t('diagnose')}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

/** Renders one DBMind output element; anything unknown is shown as formatted JSON, never a crash. */
export function ElementView({ element, onAsk }: ElementViewProps) {
  const t = useChatT();
  switch (element.type) {
    case 'str': {
      const content = text(element.content);
      const failure = failureTexts[content.trim()];
      if (failure) return <Alert type="error" showIcon message={t(failure)} />;
      const color = typeof element.color === 'string' ? textColors[element.color] : undefined;
      return (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', color, margin: 0 }}>
          {content}
        </Typography.Paragraph>
      );
    }
    case 'title': {
      const level = Math.min(5, Math.max(1, Number(element.level ?? 4))) as 1 | 2 | 3 | 4 | 5;
      return (
        <Typography.Title level={level} style={{ margin: '8px 0 4px' }}>
          {text(element.content)}
        </Typography.Title>
      );
    }
    case 'table':
      return <TableElement element={element} />;
    case 'graph': {
      const values =
        ((field(element, 'values') ?? field(element, 'y')) as unknown[] | undefined)?.map(Number) ?? [];
      const labels =
        ((field(element, 'timestamps') ?? field(element, 'x')) as unknown[] | undefined)?.map(String) ?? [];
      const title = field(element, 'title');
      const color = field(element, 'color');
      return (
        <LineChart
          title={typeof title === 'string' ? title : undefined}
          labels={labels}
          values={values}
          color={typeof color === 'string' ? color : undefined}
        />
      );
    }
    case 'status':
      return <AlarmCard element={element} onAsk={onAsk} />;
    case 'button': {
      if (element.show === false) return null;
      const question = typeof element.question === 'string' ? element.question : undefined;
      return (
        <Button disabled={!question} onClick={() => question && onAsk(question, 'tool_interaction')}>
          {text(element.name ?? question)}
        </Button>
      );
    }
    default:
      if (/divider/.test(element.type)) {
        return element.type.includes('vertical') ? (
          <Divider type="vertical" />
        ) : (
          <Divider style={{ margin: '8px 0' }} />
        );
      }
      return (
        <div>
          <Typography.Text type="secondary">{t('unknownElement', { type: element.type })}</Typography.Text>
          <pre style={{ fontSize: 12, overflowX: 'auto', margin: 0 }}>{JSON.stringify(element, null, 2)}</pre>
        </div>
      );
  }
}
