// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DbmindElement } from '@dws-console/shared';
import { renderWithProviders } from '../../../testing/render.tsx';
import { ElementView, withoutFilterRepeats } from './element-view.tsx';

afterEach(cleanup);

const alarm = JSON.stringify({ history_alarm_id: 7, metric_name: 'pg_long_transaction_count' });
const abnormal: DbmindElement = {
  type: 'status',
  ip: '127.0.0.1:5432',
  content: {
    name: '长事务',
    status: 0,
    button: {
      name: '一键诊断',
      show: '10:00到10:01期间出现如下异常: 存在1个长事务',
      event: alarm,
      question: 1,
    },
  },
};
const normal: DbmindElement = { type: 'status', content: { name: '慢SQL', status: 1, button: {} } };
const instance: DbmindElement = { type: 'sort', name: '127.0.0.1:5432', content: [abnormal, normal] };
// summary_alarms' answer: a filter over the instances' lists, then the same lists again.
const answer: DbmindElement[] = [
  { type: 'str', content: '巡检感知到异常节点1个， 详细信息如下: ' },
  { type: 'filter', name: 'name', content: '请输入要查询的ip. ', candidate: [instance] },
  instance,
];

describe('alarm answers', () => {
  it('shows each alarm card once and diagnoses the alarm JSON, showing its description', () => {
    const onAsk = vi.fn();
    const elements = withoutFilterRepeats(answer);
    expect(elements.map((e) => e.type)).toEqual(['str', 'filter']);
    renderWithProviders(
      <>
        {elements.map((element, i) => (
          <ElementView key={i} element={element} onAsk={onAsk} />
        ))}
      </>,
    );
    expect(screen.getAllByTestId('alarm-card')).toHaveLength(2);
    expect(screen.getByText('正常')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /一键诊断/ }));
    expect(onAsk).toHaveBeenCalledWith(
      alarm,
      'fault_diagnostic',
      '10:00到10:01期间出现如下异常: 存在1个长事务',
    );
  });

  it('filters the instances by the text typed into the filter box', () => {
    renderWithProviders(<ElementView element={answer[1]!} onAsk={() => undefined} />);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '10.0.0.9' } });
    expect(screen.queryAllByTestId('alarm-card')).toHaveLength(0);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '127.0.0' } });
    expect(screen.getAllByTestId('alarm-card')).toHaveLength(2);
  });
});

describe('elements as shared describes them', () => {
  it('draws a table from its content, and shows a table in any other shape as its JSON', () => {
    const table: DbmindElement = { type: 'table', content: { headers: ['表名'], rows: [['t1']] } };
    renderWithProviders(<ElementView element={table} onAsk={() => undefined} />);
    expect(screen.getByRole('columnheader', { name: '表名' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 't1' })).toBeTruthy();
    cleanup();

    // The fields beside `content` instead of in it: not DBMind's shape, so not guessed at.
    const flat: DbmindElement = { type: 'table', headers: ['表名'], rows: [['t1']] };
    renderWithProviders(<ElementView element={flat} onAsk={() => undefined} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/"headers"/)).toBeTruthy();
  });
});

describe('tool tables in the console language', () => {
  // get_instance_status's answer: raw field names and Python's True.
  const status: DbmindElement = {
    type: 'table',
    content: {
      headers: ['instance', 'state', 'start_time', '检查项', 'unheard_of'],
      rows: [['127.0.0.1:5432', 'True', '2026-12-07 06:00:00', '连接实例', false]],
    },
  };

  it('names the known columns in English and shows truth values as words', () => {
    renderWithProviders(<ElementView element={status} onAsk={() => undefined} />, 'en');
    for (const name of ['Instance', 'State', 'Start time', 'Check', 'unheard_of']) {
      expect(screen.getByRole('columnheader', { name })).toBeTruthy();
    }
    expect(screen.queryByRole('columnheader', { name: 'start_time' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Yes' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'No' })).toBeTruthy();
  });

  it('names the same columns in Chinese', () => {
    renderWithProviders(<ElementView element={status} onAsk={() => undefined} />, 'zh-CN');
    for (const name of ['实例', '状态', '开始时间', '检查项']) {
      expect(screen.getByRole('columnheader', { name })).toBeTruthy();
    }
    expect(screen.getByRole('cell', { name: '是' })).toBeTruthy();
  });
});

describe('answer tables of long statements', () => {
  it('keeps a long statement to a block of its own and scrolls the table sideways instead of squeezing it', () => {
    const statement = `SELECT ${Array.from({ length: 200 }, (_, i) => `c${i}`).join(', ')} FROM t1`;
    const table: DbmindElement = {
      type: 'table',
      content: { headers: ['user_name', 'query'], rows: [['dbadmin', statement]] },
    };
    renderWithProviders(<ElementView element={table} onAsk={() => undefined} />);
    const cell = screen.getByRole('cell', { name: new RegExp(`^${statement.slice(0, 30)}`) });
    expect(cell.querySelector('.ant-typography-ellipsis')).not.toBeNull();
    expect(
      screen.getByRole('cell', { name: 'dbadmin' }).querySelector('.ant-typography-ellipsis'),
    ).toBeNull();
    expect(screen.getByRole('table').style.width).toBe('max-content');
  });
});
