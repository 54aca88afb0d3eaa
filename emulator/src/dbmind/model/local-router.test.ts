import { describe, expect, it } from 'vitest';
import { findTool } from '../tools/tool-registry.ts';
import { LocalRouter } from './local-router.ts';
import { findDatabase, findSql } from './question-parsing.ts';

describe('the local router extracts parameters', () => {
  const now = new Date(2026, 0, 15, 10, 30, 0);
  const extract = async (tool: string, question: string, history: string[] = []) =>
    new LocalRouter().extractArguments({
      question,
      tool: findTool(tool)!,
      history: history.map((q) => ({ question: q, answer: '' })),
      now,
    });

  it('takes the statement and the database of the seed example', async () => {
    expect(
      await extract(
        'index_recommendation',
        '数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐',
      ),
    ).toEqual({ kind: 'call', arguments: { sql: 'select* from t1 where id = 10000;', db_name: 'test_db' } });
  });

  it('reads English phrasing and stops the statement before the prose', async () => {
    expect(
      await extract('slow_sql_rca', 'why is select * from orders where total > 10 in database shop so slow?'),
    ).toEqual({
      kind: 'call',
      arguments: { query: 'select * from orders where total > 10', db_name: 'shop' },
    });
  });

  it('takes a bare word as the parameter that was asked for, and the rest from earlier turns', async () => {
    expect(
      await extract('index_recommendation', 'test_db', ['请对select * from t1 where id = 1做索引推荐']),
    ).toEqual({
      kind: 'call',
      arguments: { db_name: 'test_db', sql: 'select * from t1 where id = 1' },
    });
  });

  it('keeps the window of an earlier turn rather than the default', async () => {
    expect(await extract('summary_alarms', '还有别的告警吗', ['昨天的告警'])).toEqual({
      kind: 'call',
      arguments: { start_time: '2026-01-14 00:00:00', end_time: '2026-01-14 23:59:59' },
    });
  });

  it('never takes a word of the statement for the database', () => {
    expect(findDatabase('select * from database_logs where id = 1')).toBeUndefined();
    expect(findSql('查看 select 的用法')).toBeUndefined();
  });
});
