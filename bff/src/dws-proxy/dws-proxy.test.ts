import { exampleClusterRequest } from '@dws-console/shared';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensurePki } from '@dws-console/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness.ts';
import { startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream.ts';

let harness: Harness;
let upstream: RecordingUpstream;
let cookie: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bff-proxy-'));
  await ensurePki(path.join(dataDir, 'pki'));
  upstream = await startRecordingUpstream(dataDir);
  harness = await startHarness({}, { dataDir, dwsEndpoint: upstream.url, dwsTimeoutMs: 1500 });
  cookie = await harness.logIn();
});

afterAll(async () => {
  await harness?.close();
  await upstream?.close();
});

beforeEach(() => {
  upstream.requests.length = 0;
  upstream.answer((_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'X-Request-Id': 'abc123def456abc123def456abc12345',
    });
    res.end('{"clusters":[],"count":0}');
  });
});

const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
const projectId = '89cd04f168b84af6be287f71730fdb4b';
const validCluster = exampleClusterRequest('dws-demo', 'Password!123');

describe('the DWS proxy', () => {
  it('maps every allow-listed call to the DWS path of the session’s project', async () => {
    const id = '7d85f602-a948-4a30-afd4-e84f47471c15';
    const calls: [string, string, unknown, string][] = [
      ['GET', '/api/dws/clusters', undefined, `/v1.0/${projectId}/clusters`],
      ['POST', '/api/dws/clusters', validCluster, `/v1.0/${projectId}/clusters`],
      ['GET', `/api/dws/clusters/${id}`, undefined, `/v1.0/${projectId}/clusters/${id}`],
      [
        'DELETE',
        `/api/dws/clusters/${id}`,
        { keep_last_manual_snapshot: 1 },
        `/v1.0/${projectId}/clusters/${id}`,
      ],
      [
        'POST',
        `/api/dws/clusters/${id}/restart`,
        { restart: {} },
        `/v1.0/${projectId}/clusters/${id}/restart`,
      ],
      [
        'POST',
        `/api/dws/clusters/${id}/resize`,
        { scale_out: { count: 3 } },
        `/v1.0/${projectId}/clusters/${id}/resize`,
      ],
      [
        'POST',
        `/api/dws/clusters/${id}/reset-password`,
        { new_password: 'NewPassword!42' },
        `/v1.0/${projectId}/clusters/${id}/reset-password`,
      ],
      ['GET', '/api/dws/snapshots', undefined, `/v1.0/${projectId}/snapshots`],
      [
        'POST',
        '/api/dws/snapshots',
        { snapshot: { name: 'snap-1', cluster_id: id, description: 'nightly' } },
        `/v1.0/${projectId}/snapshots`,
      ],
      ['GET', `/api/dws/snapshots/${id}`, undefined, `/v1.0/${projectId}/snapshots/${id}`],
      ['DELETE', `/api/dws/snapshots/${id}`, undefined, `/v1.0/${projectId}/snapshots/${id}`],
      [
        'POST',
        `/api/dws/snapshots/${id}/actions`,
        { restore: { name: 'restored-1' } },
        `/v1.0/${projectId}/snapshots/${id}/actions`,
      ],
      ['GET', '/api/dws/node-types', undefined, `/v2/${projectId}/node-types`],
    ];
    for (const [method, url, body, target] of calls) {
      const response = await harness.request(url, {
        method,
        cookie,
        headers: method === 'GET' ? {} : json,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status, `${method} ${url}`).toBe(200);
      await response.text();
      const seen = upstream.requests.at(-1);
      expect(seen?.method, url).toBe(method);
      expect(seen?.url, url).toBe(target);
      // Valid bodies arrive intact.
      if (body !== undefined) expect(JSON.parse(seen?.body ?? 'null'), url).toEqual(body);
    }
    expect(upstream.requests).toHaveLength(calls.length);
  });

  it('forwards only allow-listed paths: path tricks are the console’s own 404, and DWS is never asked', async () => {
    for (const trick of [
      '/api/dws/clusters/..%2F..%2Fv3%2Fauth%2Ftokens',
      '/api/dws/clusters/%2e%2e',
      '/api/dws/clusters/abc/restart/x',
      `/api/dws/v1.0/${projectId}/clusters`,
      '/api/dws//clusters',
      '/api/dws/https:%2F%2Fevil.example%2F',
    ]) {
      const response = await harness.request(trick, { cookie });
      expect(response.status, trick).toBe(404);
      expect(((await response.json()) as { error_code: string }).error_code, trick).toBe('CONSOLE.0404');
    }
    expect(upstream.requests).toEqual([]);
  });

  it('maps a session of another project to that project’s paths, never the first one’s', async () => {
    const otherProjectId = '3f2b7c9d1e0a4b6c8d5e7f9a1b3c5d7e';
    const other = await harness.logIn('admin', 'Admin@12345', 'ae-ad-2');
    for (const [cookieOf, project] of [
      [other, otherProjectId],
      [cookie, projectId],
    ]) {
      const response = await harness.request('/api/dws/snapshots', { cookie: cookieOf });
      expect(response.status).toBe(200);
      await response.text();
      expect(upstream.requests.at(-1)?.url).toBe(`/v1.0/${project}/snapshots`);
    }
  });

  it('refuses a body the DWS rules reject with DWS’s own code, and never forwards it', async () => {
    const cases: [unknown, string, string][] = [
      [{ cluster: { ...validCluster.cluster, name: '1bad' } }, 'DWS.5057', 'cluster.name'],
      [{ cluster: { ...validCluster.cluster, port: 7999 } }, 'DWS.5038', 'cluster.port'],
      [{ cluster: { ...validCluster.cluster, user_pwd: 'short' } }, 'DWS.5144', 'cluster.user_pwd'],
      [{ cluster: { ...validCluster.cluster, user_name: 'select' } }, 'DWS.5082', 'cluster.user_name'],
      [{ cluster: { ...validCluster.cluster, user_name: 'Admin' } }, 'DWS.5059', 'cluster.user_name'],
    ];
    for (const [body, code, field] of cases) {
      const response = await harness.request('/api/dws/clusters', {
        method: 'POST',
        cookie,
        headers: json,
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error_code: string; error_msg: string; request_id: string };
      expect(answer.error_code, field).toBe(code);
      expect(answer.error_msg.startsWith(`${field}: `), answer.error_msg).toBe(true);
      expect(answer.request_id).toBeTruthy();
    }
    const broken = await harness.request('/api/dws/clusters', {
      method: 'POST',
      cookie,
      headers: json,
      body: '{"cluster":',
    });
    expect(broken.status).toBe(400);
    const withBody = await harness.request('/api/dws/snapshots/7d85f602-a948-4a30-afd4-e84f47471c15', {
      method: 'DELETE',
      cookie,
      headers: json,
      body: '{"anything":1}',
    });
    expect(withBody.status).toBe(400);
    expect(upstream.requests).toHaveLength(0);
  });

  it('passes only allow-listed headers each way and injects the token itself', async () => {
    upstream.answer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-Request-Id': 'abc123def456abc123def456abc12345',
        'Set-Cookie': 'upstream=1; Path=/',
        Connection: 'keep-alive',
        'Keep-Alive': 'timeout=600',
        'X-Internal-Trace': 'secret-topology',
      });
      res.end('{"clusters":[],"count":0}');
    });
    const response = await harness.request('/api/dws/clusters', {
      cookie,
      headers: {
        Authorization: 'Bearer stolen',
        'X-Auth-Token': 'client-chosen-token',
        'X-Forwarded-For': '10.0.0.1',
        'X-Forwarded-Host': 'evil.example',
        'Accept-Language': 'zh-CN',
      },
    });
    expect(response.status).toBe(200);
    const seen = upstream.requests.at(-1)!;
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers.authorization).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBeUndefined();
    expect(seen.headers['x-forwarded-host']).toBeUndefined();
    expect(seen.headers['x-auth-token']).toMatch(/^MII/);
    expect(seen.headers['x-auth-token']).not.toBe('client-chosen-token');
    expect(seen.headers['accept-language']).toBe('zh-CN');
    expect(response.headers.get('set-cookie')).toBeNull();
    // The browser's connection keeps its own keep-alive terms, not the upstream's.
    expect(response.headers.get('keep-alive')).not.toBe('timeout=600');
    expect(response.headers.get('x-internal-trace')).toBeNull();
    expect(response.headers.get('x-request-id')).toBe('abc123def456abc123def456abc12345');
  });

  it('returns upstream errors unchanged', async () => {
    upstream.answer((_req, res) => {
      res.writeHead(409, {
        'Content-Type': 'application/json',
        'X-Request-Id': 'feedfeedfeedfeedfeedfeedfeedfeed',
      });
      res.end('{"error_code":"DWS.5050","error_msg":"集群名已经存在。"}');
    });
    const response = await harness.request('/api/dws/clusters', {
      method: 'POST',
      cookie,
      headers: json,
      body: JSON.stringify(validCluster),
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('x-request-id')).toBe('feedfeedfeedfeedfeedfeedfeedfeed');
    expect(await response.json()).toEqual({ error_code: 'DWS.5050', error_msg: '集群名已经存在。' });
  });

  it('ends the session on a 401 that rejects the token, but not on DWS.0047', async () => {
    const own = await harness.logIn();
    upstream.answer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end('{"error_code":"DWS.0047","error_msg":"cluster not found"}');
    });
    const notFound = await harness.request('/api/dws/clusters/7d85f602-a948-4a30-afd4-e84f47471c15', {
      cookie: own,
    });
    expect(notFound.status).toBe(401);
    expect(((await notFound.json()) as { error_code: string }).error_code).toBe('DWS.0047');
    expect((await harness.request('/api/session', { cookie: own })).status).toBe(200);

    upstream.answer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(
        '{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: The token has expired."}',
      );
    });
    const expired = await harness.request('/api/dws/clusters', { cookie: own });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error_code: string }).error_code).toBe('CONSOLE.0440');
    expect((await harness.request('/api/session', { cookie: own })).status).toBe(401);
  });

  it('answers 504 when DWS is slow and 502 when it answers nothing, never hanging', async () => {
    upstream.answer(() => {
      // Never answers: the proxy's timeout must.
    });
    const slow = await harness.request('/api/dws/clusters', { cookie });
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { error_code: string }).error_code).toBe('CONSOLE.0504');

    upstream.answer((_req, res) => res.socket?.destroy());
    const dropped = await harness.request('/api/dws/clusters', { cookie });
    expect(dropped.status).toBe(502);
    expect(((await dropped.json()) as { error_code: string }).error_code).toBe('CONSOLE.0502');
  });
});

describe('what the proxy forwards', () => {
  it('refuses a field the operation does not have, at any depth, naming it; DWS never sees the request', async () => {
    const cases: [unknown, string][] = [
      [{ ...validCluster, admin: true }, 'admin'],
      [{ cluster: { ...validCluster.cluster, is_superuser: true } }, 'cluster.is_superuser'],
      [
        { cluster: { ...validCluster.cluster, public_ip: { public_bind_type: 'not_use', extra: 1 } } },
        'cluster.public_ip.extra',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await harness.request('/api/dws/clusters', {
        method: 'POST',
        cookie,
        headers: json,
        body: JSON.stringify(body),
      });
      expect(response.status, field).toBe(400);
      expect(await response.json()).toEqual({
        error_code: 'CONSOLE.0400',
        error_msg: `${field}: is not a field of this operation.`,
        request_id: expect.any(String) as unknown,
      });
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('sends the validated body, re-serialised, not the browser’s bytes', async () => {
    // The same object written with other spacing and key order: DWS receives the schema's output.
    const raw = `{ "cluster" : ${JSON.stringify(validCluster.cluster, null, 4)} }`;
    const response = await harness.request('/api/dws/clusters', {
      method: 'POST',
      cookie,
      headers: json,
      body: raw,
    });
    expect(response.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    const sent = upstream.requests[0]?.body ?? '';
    expect(sent).not.toBe(raw);
    expect(JSON.parse(sent)).toEqual(validCluster);
  });
});
