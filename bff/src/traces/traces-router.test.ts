import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePki } from '@dws-console/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { traceListResponseSchema } from '@dws-console/shared';
import { startHarness, type Harness } from '../testing/harness.ts';
import { csrfJson } from '../testing/probes.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream.ts';

/** The operations log through the console, over the real emulator's Cloud Trace Service. */

let harness: Harness;
let admin: string;
let viewer: string;
let otherProject: string;
const missingCluster = '0b1c2d3e-4f50-4617-8899-aabbccddeeff';

beforeAll(async () => {
  harness = await startHarness({}, { emulatorEnv: { EMULATOR_DBMIND_DEMO_DATA: 'off' } });
  admin = await harness.logIn('admin', 'Admin@12345');
  viewer = await harness.logIn('viewer', 'Viewer@12345');
  otherProject = await harness.logIn('admin', 'Admin@12345', 'ae-ad-2');
});

afterAll(async () => {
  await harness?.close();
});

async function traces(cookie: string, query = '') {
  const response = await harness.request(`/api/traces${query}`, { cookie });
  const body: unknown = await response.json();
  return { status: response.status, body };
}

describe('operations log through the console', () => {
  it('shows an operation made in the console as the console’s, under the user who made it', async () => {
    const restart = await harness.request(`/api/dws/clusters/${missingCluster}/restart`, {
      method: 'POST',
      cookie: viewer,
      headers: csrfJson,
      body: JSON.stringify({ restart: {} }),
    });
    expect(restart.status).toBe(403);
    const answer = await traces(admin, `?resource_id=${missingCluster}&trace_rating=warning`);
    expect(answer.status).toBe(200);
    const list = traceListResponseSchema.parse(answer.body);
    expect(list.traces).toHaveLength(1);
    expect(list.traces[0]).toMatchObject({
      trace_name: 'restartCluster',
      trace_type: 'ConsoleAction',
      code: '403',
      user: { name: 'viewer' },
    });
  });

  it('shows a log-in through the console as the console’s', async () => {
    const list = traceListResponseSchema.parse(
      (await traces(admin, '?trace_name=createToken&user=admin')).body,
    );
    expect(list.traces.length).toBeGreaterThan(0);
    expect(list.traces.every((t) => t.trace_type === 'ConsoleAction' && t.service_type === 'IAM')).toBe(true);
  });

  it('tells a user without cts:trace:list that the log is not theirs', async () => {
    const answer = await traces(viewer);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ error_code: 'CONSOLE.0403' });
    expect(JSON.stringify(answer.body)).toContain('cts:trace:list');
  });

  it('shows each project only its own traces', async () => {
    const theirs = traceListResponseSchema.parse((await traces(otherProject, '?limit=200')).body);
    expect(theirs.traces.some((t) => t.resource_id === missingCluster)).toBe(false);
    const mine = traceListResponseSchema.parse((await traces(admin, '?limit=200')).body);
    expect(mine.traces.some((t) => t.resource_id === missingCluster)).toBe(true);
  });

  it('refuses a query that breaks a rule, naming the field', async () => {
    for (const [query, field] of [
      ['?limit=500', 'limit'],
      ['?trace_rating=fatal', 'trace_rating'],
      ['?next=../../v1.0', 'next'],
      ['?project_id=3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e', 'project_id'],
    ] as const) {
      const answer = await traces(admin, query);
      expect(answer.status, query).toBe(400);
      expect(answer.body, query).toMatchObject({ error_code: 'CONSOLE.0400' });
      expect(JSON.stringify(answer.body), query).toContain(field);
    }
  });

  it('asks for a session', async () => {
    expect((await harness.request('/api/traces')).status).toBe(401);
  });
});

describe('what Cloud Trace Service answers', () => {
  let stand: Harness;
  let upstream: RecordingUpstream;
  let cookie: string;

  beforeAll(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bff-traces-'));
    await ensurePki(path.join(dataDir, 'pki'));
    upstream = await startRecordingUpstream(dataDir);
    stand = await startHarness({}, { dataDir, dwsEndpoint: upstream.url });
    cookie = await stand.logIn();
  });

  afterAll(async () => {
    await stand?.close();
    await upstream?.close();
  });

  it('is checked against the contract before the browser sees it', async () => {
    const trace = traceListResponseSchema.parse((await traces(admin, `?resource_id=${missingCluster}`)).body)
      .traces[0];
    const answers = [
      { traces: [trace], meta_data: { count: 1, marker: null } },
      { traces: [{ ...trace, trace_rating: 'fine' }], meta_data: { count: 1, marker: null } },
      { traces: [{ ...trace, user: undefined }], meta_data: { count: 1, marker: null } },
      { traces: [trace] },
    ];
    const statuses: number[] = [];
    for (const body of answers) {
      upstream.answer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      });
      const response = await stand.request('/api/traces?trace_rating=warning', { cookie });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    expect(statuses).toEqual([200, 502, 502, 502]);
    const asked = new URL(upstream.requests.at(-1)?.url ?? '', 'https://cts.example');
    expect(asked.pathname).toMatch(/^\/v3\/[0-9a-f]{32}\/traces$/);
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      trace_type: 'system',
      limit: '10',
      trace_rating: 'warning',
    });
  });
});
