import { Alert, Button, Card, Divider, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { graphElementSchema } from '@dws-console/shared';
import { failureTexts, useChatT } from '../messages.ts';
import type { ChatElement } from '../model.ts';
import { LineChart } from './line-chart.tsx';

export interface ElementViewProps {
  element: ChatElement;
  /**
   * Asks a follow-up question in the given mode. `shown` is what the conversation shows as the user's
   * message when the query itself is not meant for reading (an alarm's JSON).
   */
  onAsk: (query: string, mode: 'tool_interaction' | 'fault_diagnostic', shown?: string) => void;
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

/**
 * What a DBMind button asks: with `question: 1` the query is its `event` (an alarm's JSON) and the
 * user's message is its `show`; older elements carry the question text itself.
 */
export function buttonQuery(button: Record<string, unknown>): { query: string; shown: string } | undefined {
  if (typeof button.event === 'string' && button.event.trim() !== '') {
    const shown = text(button.show) || text(button.name) || button.event;
    return { query: button.event, shown };
  }
  if (typeof button.question === 'string' && button.question.trim() !== '') {
    return { query: button.question, shown: button.question };
  }
  return undefined;
}

/** An inspection item: `status` 0 is abnormal, and then its button diagnoses the alarm. */
function AlarmCard({ element, onAsk }: ElementViewProps) {
  const t = useChatT();
  const content = asRecord(element.content);
  const button = asRecord(content.button ?? element.button);
  const action = buttonQuery(button);
  const abnormal = Number(content.status) === 0 || action !== undefined;
  const name = text(content.name ?? content.metric_name ?? content.title) || 'alarm';
  const description = text(button.show);
  return (
    <Card
      size="small"
      data-testid="alarm-card"
      title={name}
      // A normal item has nothing to say beyond its name and tag.
      styles={description || action ? undefined : { body: { display: 'none' } }}
      extra={
        <Tag color={abnormal ? 'red' : 'green'}>{abnormal ? t('alarm.abnormal') : t('alarm.normal')}</Tag>
      }
    >
      {description && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {description}
        </Typography.Paragraph>
      )}
      {action && (
        <Button
          type="primary"
          danger
          style={{ marginTop: 8 }}
          onClick={() => onAsk(action.query, 'fault_diagnostic', action.shown)}
        >
          {text(button.name) || t('diagnose')}
        </Button>
      )}
    </Card>
  );
}

function childElements(value: unknown): ChatElement[] {
  return Array.isArray(value)
    ? value.filter((item): item is ChatElement => typeof asRecord(item).type === 'string')
    : [];
}

/** A search box over its candidates (the alarm cards of each instance), matched by name. */
function FilterBox({ element, onAsk }: ElementViewProps) {
  const [search, setSearch] = useState('');
  const candidates = childElements(element.candidate);
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? candidates.filter((candidate) => text(candidate.name).toLowerCase().includes(needle))
    : candidates;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={text(element.content)}
        aria-label={text(element.content) || text(element.name)}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        style={{ maxWidth: 320 }}
      />
      {shown.map((candidate, i) => (
        <ElementView key={i} element={candidate} onAsk={onAsk} />
      ))}
    </Space>
  );
}

/**
 * DBMind sends a filter box holding its candidates and then the same elements again: drop the
 * repeats, so each alarm card shows once.
 */
export function withoutFilterRepeats(elements: ChatElement[]): ChatElement[] {
  const offered = new Set<string>();
  return elements.filter((element) => {
    const json = JSON.stringify(element);
    if (element.type !== 'filter' && offered.has(json)) return false;
    if (element.type === 'filter') {
      for (const candidate of childElements(element.candidate)) offered.add(JSON.stringify(candidate));
    }
    return true;
  });
}

/** An element the console does not draw: its JSON, never a crash. */
function UnknownElement({ element }: { element: ChatElement }) {
  const t = useChatT();
  return (
    <div>
      <Typography.Text type="secondary">{t('unknownElement', { type: element.type })}</Typography.Text>
      <pre style={{ fontSize: 12, overflowX: 'auto', margin: 0 }}>{JSON.stringify(element, null, 2)}</pre>
    </div>
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
      // DBMind's own shape; `null` values are gaps. Anything else is shown as JSON below, never as zeros.
      const graph = graphElementSchema.safeParse(element);
      if (!graph.success) return <UnknownElement element={element} />;
      const { title, timestamps, values, color } = graph.data.content;
      return <LineChart title={title} labels={timestamps} values={values} color={color} />;
    }
    case 'status':
      return <AlarmCard element={element} onAsk={onAsk} />;
    case 'button': {
      const button = { ...asRecord(element.content), ...element };
      if (button.show === false) return null;
      const action = buttonQuery(button);
      return (
        <Button
          disabled={!action}
          onClick={() => action && onAsk(action.query, 'tool_interaction', action.shown)}
        >
          {text(button.name) || action?.shown}
        </Button>
      );
    }
    case 'sort':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{text(element.name)}</Typography.Text>
          {childElements(element.content).map((child, i) => (
            <ElementView key={i} element={child} onAsk={onAsk} />
          ))}
        </Space>
      );
    case 'filter':
      return <FilterBox element={element} onAsk={onAsk} />;
    default:
      if (/divider/.test(element.type)) {
        return element.type.includes('vertical') ? (
          <Divider type="vertical" />
        ) : (
          <Divider style={{ margin: '8px 0' }} />
        );
      }
      return <UnknownElement element={element} />;
  }
}
