import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceRetentionMs, type Trace } from '@dws-console/shared';
import { makeDataDir, projects, removeDataDir } from '../testing/harness.ts';
import { TraceStore } from './trace-store.ts';

let dir: string;
beforeAll(async () => {
  dir = await makeDataDir('trace-store');
});
afterAll(() => removeDataDir(dir));

function trace(id: string, time: number): Trace {
  return {
    trace_id: id,
    trace_name: 'restartCluster',
    trace_rating: 'normal',
    trace_type: 'ApiCall',
    service_type: 'DWS',
    resource_type: 'cluster',
    resource_id: 'c1',
    resource_name: 'one',
    request: '{}',
    response: '{}',
    code: '200',
    api_version: 'v1.0',
    time,
    record_time: time,
    request_id: 'r',
    source_ip: '127.0.0.1',
    user: { id: 'u', name: 'admin', domain: { id: 'd', name: 'demo' } },
  };
}

describe('trace store', () => {
  it('keeps traces across a restart for seven days, then drops them', async () => {
    let clock = Date.parse('2026-03-01T00:00:00Z');
    const store = await TraceStore.open(dir, () => clock);
    await store.record(projects.one.id, trace('00000000-0000-4000-8000-000000000001', clock));
    clock += 24 * 60 * 60 * 1000;
    await store.record(projects.one.id, trace('00000000-0000-4000-8000-000000000002', clock));
    // A call that began earlier but ended later is listed by when it began.
    await store.record(projects.one.id, trace('00000000-0000-4000-8000-000000000003', clock - 1));
    expect(
      store.list(projects.one.id, { trace_type: 'system', limit: 10 })?.traces.map((t) => t.trace_id.at(-1)),
    ).toEqual(['2', '3', '1']);
    // A line a crash cut short is skipped, not fatal.
    await appendFile(path.join(dir, `${projects.one.id}.jsonl`), '{"trace_id":"00000');

    const query = { trace_type: 'system', limit: 10 } as const;
    const reopened = await TraceStore.open(dir, () => clock);
    expect(reopened.list(projects.one.id, query)?.traces.map((t) => t.trace_id.at(-1))).toEqual([
      '2',
      '3',
      '1',
    ]);
    expect(reopened.list(projects.two.id, query)?.traces).toEqual([]);

    clock += traceRetentionMs - 1;
    const aWeekOn = await TraceStore.open(dir, () => clock);
    expect(aWeekOn.list(projects.one.id, query)?.traces.map((t) => t.trace_id.at(-1))).toEqual(['2', '3']);
    const kept = await readFile(path.join(dir, `${projects.one.id}.jsonl`), 'utf8');
    expect(kept.trim().split('\n')).toHaveLength(2);
  });
});
