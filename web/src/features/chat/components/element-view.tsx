import { Alert, Button, Card, Divider, Input, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  filterElementSchema,
  knownElementSchema,
  type DbmindElement,
  type FilterElement,
  type StatusElement,
  type TableCell,
  type TableElement,
} from '@dws-console/shared';
import { useI18n } from '../../../lib/i18n.tsx';
import { columnLabel, truthOf } from '../column-labels.ts';
import { failureTexts, useChatT } from '../messages.ts';
import { LineChart } from './line-chart.tsx';

export interface ElementViewProps {
  element: DbmindElement;
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

/** A table cell as sortable text. */
function text(value: TableCell): string {
  return value === null ? '' : String(value);
}

function toCsv(headers: string[], rows: TableCell[][]): string {
  const cell = (value: TableCell) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [headers, ...rows].map((row) => row.map(cell).join(',')).join('\n');
}

/**
 * Longer than this, a cell is a block of three lines that open on demand, so that one statement can make its row
 * neither tall nor thousands of pixels wide; shorter values keep to one line.
 */
const longCell = 40;

function CellText({ value }: { value: TableCell }) {
  const t = useChatT();
  const truth = truthOf(value);
  if (truth !== undefined) return t(truth ? 'yes' : 'no');
  const shown = text(value);
  if (shown.length <= longCell) return <span style={{ whiteSpace: 'nowrap' }}>{shown}</span>;
  return (
    <Typography.Paragraph
      ellipsis={{ rows: 3, expandable: 'collapsible' }}
      style={{ width: 360, margin: 0, overflowWrap: 'anywhere' }}
    >
      {shown}
    </Typography.Paragraph>
  );
}

function TableView({ element }: { element: TableElement }) {
  const t = useChatT();
  const { locale } = useI18n();
  const { headers, rows } = element.content;
  const columns = useMemo(
    () =>
      headers.map((name, i) => ({
        title: columnLabel(name, locale),
        dataIndex: String(i),
        key: String(i),
        sorter: (a: Record<string, TableCell>, b: Record<string, TableCell>) =>
          text(a[String(i)] ?? null).localeCompare(text(b[String(i)] ?? null), undefined, { numeric: true }),
        render: (value: TableCell) => <CellText value={value} />,
      })),
    [headers, locale],
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
        // As wide as its columns need, scrolled sideways in a narrow panel: squeezed into the panel's width, a
        // column of statements would wrap a word a line and stand thousands of pixels tall.
        scroll={{ x: 'max-content' }}
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
 * What a DBMind button asks: the query is its `event` (an alarm's JSON) and the user's message is its `show`.
 * A detection that found nothing has an empty button, which asks nothing.
 */
export function buttonQuery(
  button: StatusElement['content']['button'],
): { query: string; shown: string } | undefined {
  if (!('event' in button) || button.event.trim() === '') return undefined;
  return { query: button.event, shown: button.show || button.name || button.event };
}

/** An inspection item: `status` 0 is abnormal, and then its button diagnoses the alarm. */
function AlarmCard({ element, onAsk }: { element: StatusElement; onAsk: ElementViewProps['onAsk'] }) {
  const t = useChatT();
  const { name, status, button } = element.content;
  const action = buttonQuery(button);
  const abnormal = status === 0 || action !== undefined;
  const description = 'show' in button ? button.show : '';
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
          {('name' in button && button.name) || t('diagnose')}
        </Button>
      )}
    </Card>
  );
}

/** A search box over its candidates (the alarm lists of each instance), matched by their names. */
function FilterBox({ element, onAsk }: { element: FilterElement; onAsk: ElementViewProps['onAsk'] }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? element.candidate.filter((candidate) => nameOf(candidate).toLowerCase().includes(needle))
    : element.candidate;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={element.content}
        aria-label={element.content || element.name}
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

/** The name of a titled element (an instance's list of alarms); others have none to search by. */
function nameOf(element: DbmindElement): string {
  const known = knownElementSchema.safeParse(element);
  return known.success && (known.data.type === 'sort' || known.data.type === 'filter') ? known.data.name : '';
}

/**
 * DBMind sends a filter box holding its candidates and then the same elements again: drop the
 * repeats, so each alarm card shows once.
 */
export function withoutFilterRepeats(elements: DbmindElement[]): DbmindElement[] {
  const offered = new Set<string>();
  return elements.filter((element) => {
    const json = JSON.stringify(element);
    const filter = filterElementSchema.safeParse(element);
    if (!filter.success) return !offered.has(json);
    for (const candidate of filter.data.candidate) offered.add(JSON.stringify(candidate));
    return true;
  });
}

/** An element the console does not draw: its JSON, never a crash. */
function UnknownElement({ element }: { element: DbmindElement }) {
  const t = useChatT();
  return (
    <div>
      <Typography.Text type="secondary">{t('unknownElement', { type: element.type })}</Typography.Text>
      <pre style={{ fontSize: 12, overflowX: 'auto', margin: 0 }}>{JSON.stringify(element, null, 2)}</pre>
    </div>
  );
}

/**
 * Renders one DBMind output element as shared's schemas describe it; an element of an unknown type, or of a
 * known type in a shape the schemas do not describe, is shown as formatted JSON, never guessed at or a crash.
 */
export function ElementView({ element, onAsk }: ElementViewProps) {
  const t = useChatT();
  const known = knownElementSchema.safeParse(element);
  if (!known.success) return <UnknownElement element={element} />;
  const shown = known.data;
  switch (shown.type) {
    case 'str': {
      const failure = failureTexts[shown.content.trim()];
      if (failure) return <Alert type="error" showIcon message={t(failure)} />;
      const color = shown.color === undefined ? undefined : textColors[shown.color];
      return (
        // A long unbroken string (a path, a hash) wraps rather than widening the answer past the panel.
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', color, margin: 0 }}>
          {shown.content}
        </Typography.Paragraph>
      );
    }
    case 'title': {
      const level = Math.min(5, Math.max(1, shown.level)) as 1 | 2 | 3 | 4 | 5;
      return (
        <Typography.Title level={level} style={{ margin: '8px 0 4px' }}>
          {shown.content}
        </Typography.Title>
      );
    }
    case 'table':
      return <TableView element={shown} />;
    case 'graph': {
      // `null` values are gaps, never zeros.
      const { title, timestamps, values, color } = shown.content;
      return <LineChart title={title} labels={timestamps} values={values} color={color} />;
    }
    case 'status':
      return <AlarmCard element={shown} onAsk={onAsk} />;
    case 'button': {
      const action = buttonQuery(shown.content);
      return (
        <Button
          disabled={!action}
          onClick={() => action && onAsk(action.query, 'tool_interaction', action.shown)}
        >
          {shown.content.name || action?.shown}
        </Button>
      );
    }
    case 'sort':
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{shown.name}</Typography.Text>
          {shown.content.map((child, i) => (
            <ElementView key={i} element={child} onAsk={onAsk} />
          ))}
        </Space>
      );
    case 'filter':
      return <FilterBox element={shown} onAsk={onAsk} />;
    case 'horizontal_divider':
      return <Divider style={{ margin: '8px 0' }} />;
    case 'vertical_divider':
      return <Divider type="vertical" />;
    case 'progress':
      return <UnknownElement element={shown} />;
  }
}
