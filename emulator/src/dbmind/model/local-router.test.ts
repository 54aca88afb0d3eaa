import { describe, expect, it } from 'vitest';
import { findTool } from '../tools/tool-registry.ts';
import { LocalRouter, routeQuestion } from './local-router.ts';
import { findDatabase, findSql, findTimeRange, parseCount } from './question-parsing.ts';

describe('the local router picks a tool', () => {
  it.each([
    [
      '数据库test_db中有条sql语句select* from t1 where id = 10000;请帮我进行一下索引推荐',
      'index_recommendation',
    ],
    ['Please recommend an index for select * from t1 where id = 3', 'index_recommendation'],
    ['这条SQL为什么这么慢：select * from t1 where name = $1', 'slow_sql_rca'],
    ['why is select * from locks where id = 1 slow?', 'slow_sql_rca'],
    ['查看top sql', 'get_top_sqls'],
    ['which queries are the most expensive?', 'get_top_sqls'],
    ['哪些SQL被锁阻塞了', 'get_locking_sql'],
    ['show me blocked queries', 'get_locking_sql'],
    ['当前正在执行的SQL有哪些', 'collect_stat_activity_workloads'],
    ['what is running right now', 'collect_stat_activity_workloads'],
    ['当前实例有哪些数据库', 'get_database_info'],
    ['list all databases', 'get_database_info'],
    ['查看实例状态', 'get_instance_status'],
    ['is the database up?', 'get_instance_status'],
    ['max_connections参数是多少', 'get_guc_parameter'],
    ['what is the value of work_mem?', 'get_guc_parameter'],
    ['最近一小时的连接数', 'get_metric_range_sequence'],
    ['CPU使用率的趋势', 'get_metric_range_sequence'],
    ['show the memory metric of the last 2 hours', 'get_metric_range_sequence'],
    ['查询今天的告警', 'summary_alarms'],
    ['any alarms in the past day?', 'summary_alarms'],
  ])('%s -> %s', (question, tool) => {
    expect(routeQuestion(question)).toBe(tool);
  });

  it('finds no tool for a question no tool answers', () => {
    expect(routeQuestion('今天天气怎么样')).toBeUndefined();
    expect(routeQuestion('tell me a joke')).toBeUndefined();
  });
});

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

  it('reads time ranges in Chinese and English', async () => {
    expect(await extract('summary_alarms', '最近一小时的告警')).toEqual({
      kind: 'call',
      arguments: { start_time: '2026-01-15 09:30:00', end_time: '2026-01-15 10:30:00' },
    });
    expect(findTimeRange('past 30 minutes', now)).toEqual({
      start_time: '2026-01-15 10:00:00',
      end_time: '2026-01-15 10:30:00',
    });
    expect(findTimeRange('从2026-01-14 08:00到2026-01-14 09:15:30的CPU', now)).toEqual({
      start_time: '2026-01-14 08:00:00',
      end_time: '2026-01-14 09:15:30',
    });
    expect(findTimeRange('昨天', now)).toEqual({
      start_time: '2026-01-14 00:00:00',
      end_time: '2026-01-14 23:59:59',
    });
    expect(findTimeRange('没有时间', now)).toEqual({});
    expect(parseCount('三十')).toBe(30);
    expect(parseCount('十五')).toBe(15);
    expect(parseCount('两')).toBe(2);
  });

  it('never takes a word of the statement for the database', () => {
    expect(findDatabase('select * from database_logs where id = 1')).toBeUndefined();
    expect(findSql('查看 select 的用法')).toBeUndefined();
  });
});
