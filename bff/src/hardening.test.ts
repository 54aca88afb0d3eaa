import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { connect } from 'node:tls';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIamClient } from './auth/iam-client.ts';
import { createConsoleServer } from './server.ts';
import { startHarness, type Harness } from './testing/harness.ts';

let harness: Harness;
let cookie: string;

beforeAll(async () => {
  harness = await startHarness();
  cookie = await harness.logIn();
  // The page the web build would leave, so its own policy can be checked.
  const dist = path.join(harness.dataDir, 'no-web-build');
  await mkdir(dist, { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
});

afterAll(async () => {
  await harness?.close();
});

const json = { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };

describe('hardening', () => {
  it('sends the security headers on every answer, the page its policy and the API one that allows nothing', async () => {
    // The page's own policy names what it loads; the API's allows nothing at all.
    const document = /^default-src 'self';script-src 'self';/;
    const api = /^default-src 'none';frame-ancestors 'none'$/;
    const html = /^text\/html/;
    const data = /^application\/json/;
    for (const [url, policy, type] of [
      ['/api/session', api, data],
      ['/api/dws/clusters', api, data],
      ['/api/no-such-call', api, data],
      ['/API/session', api, data],
      ['/clusters', document, html],
      ['/index.html', document, html],
      ['/healthz', document, data],
    ] as const) {
      const response = await harness.request(url, { cookie });
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(response.headers.get('content-type'), url).toMatch(type);
      expect(csp, url).toMatch(policy);
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(response.headers.get('strict-transport-security'), url).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), url).toBe(policy === api ? 'DENY' : 'SAMEORIGIN');
      expect(response.headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
      expect(response.headers.get('x-request-id'), url).toBeTruthy();
      await response.arrayBuffer();
    }
  });

  it('leaves the headers that govern a rendered page off API answers, and keeps them on pages', async () => {
    const pageOnly = [
      'cross-origin-opener-policy',
      'origin-agent-cluster',
      'referrer-policy',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ];
    const headersOf = async (url: string) => {
      const response = await harness.request(url, { cookie });
      await response.arrayBuffer();
      return response.headers;
    };
    for (const url of ['/api/session', '/api/dws/clusters', '/api/no-such-call']) {
      const headers = await headersOf(url);
      expect(
        pageOnly.filter((name) => headers.has(name)),
        url,
      ).toEqual([]);
    }
    const page = await headersOf('/clusters');
    expect(pageOnly.filter((name) => !page.has(name))).toEqual([]);
    expect(page.get('referrer-policy')).toBe('no-referrer');
  });

  it('keeps API answers out of every cache', async () => {
    for (const url of ['/api/session', '/api/dws/clusters', '/API/dws/clusters', '/api/no-such-call']) {
      const response = await harness.request(url, { cookie });
      expect(response.headers.get('cache-control'), url).toBe('no-store');
      await response.arrayBuffer();
    }
  });

  it('refuses bodies over the limit', async () => {
    const response = await harness.request('/api/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        domain: 'demo',
        username: 'admin',
        password: 'x'.repeat(100_000),
        project: 'ae-ad-1',
      }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error_code: string }).error_code).toBe('CONSOLE.0400');
  });

  it('lets a viewer see a 403 from DWS readably', async () => {
    const viewer = await harness.logIn('viewer', 'Viewer@12345');
    const response = await harness.request('/api/dws/clusters/7d85f602-a948-4a30-afd4-e84f47471c15/restart', {
      method: 'POST',
      cookie: viewer,
      headers: json,
      body: JSON.stringify({ restart: {} }),
    });
    // The emulator checks the permission before the cluster: the viewer may not restart anything.
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error_code: string; error_msg: string };
    expect(body.error_code).toBe('DWS.5036');
    expect(body.error_msg.length).toBeGreaterThan(0);
  });

  it('exposes Prometheus metrics to the loopback scraper', async () => {
    await harness.request('/api/dws/clusters', { cookie });
    const response = await harness.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(
      /bff_http_requests_total\{method="GET",route="\/api\/dws\/clusters",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /bff_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/dws\/clusters"\} \d+/,
    );
    expect(text).toMatch(/bff_upstream_requests_total\{upstream="iam"\} \d+/);
    expect(text).toMatch(/bff_active_sessions \d+/);
    expect(text).toMatch(/bff_open_streams 0/);
  });

  it('writes an audit line for every state-changing action, without secrets', async () => {
    const own = await harness.logIn();
    await harness.request('/api/dws/clusters/7d85f602-a948-4a30-afd4-e84f47471c15/resize', {
      method: 'POST',
      cookie: own,
      headers: json,
      body: JSON.stringify({ scale_out: { count: 2 } }),
    });
    await harness.request('/api/session', {
      method: 'DELETE',
      cookie: own,
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    // The audit log is written after the answer: wait for the log-out's line to land, not for a time.
    const lines = await vi.waitFor(
      async () => {
        const written = (await readFile(harness.auditLogFile, 'utf8'))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(written).toContainEqual(expect.objectContaining({ action: 'DELETE /api/session' }));
        return written;
      },
      { timeout: 15_000, interval: 20 },
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        user: 'demo/admin',
        action: 'POST /api/session',
        result: 'succeeded',
        status: 201,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        user: 'demo/admin',
        project: 'ae-ad-1',
        action: 'POST /api/dws/clusters/:id/resize',
        resource: '7d85f602-a948-4a30-afd4-e84f47471c15',
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ user: 'demo/admin', action: 'DELETE /api/session' }),
    );
    const raw = JSON.stringify(lines);
    expect(raw).not.toContain('Admin@12345');
    expect(raw).not.toMatch(/MII[A-Za-z0-9_-]{20,}/);
  });
});

describe('TLS', () => {
  it('refuses a browser without a client certificate from TLS_CLIENT_CA in the handshake', async () => {
    const pki = path.join(harness.dataDir, 'pki');
    const [ca, cert, key, clientCert, clientKey, pass] = await Promise.all(
      ['ca.crt', 'server.crt', 'server.key', 'client.crt', 'client.key']
        .map((f) => readFile(path.join(pki, f)))
        .concat([readFile(path.join(pki, 'client.pass'))]),
    );
    const server = createConsoleServer({ cert: cert!, key: key!, clientCa: ca! }, (_req, res) =>
      res.end('ok'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const handshake = (options: { cert?: Buffer; key?: Buffer; passphrase?: string }) =>
        new Promise<string>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost', ...options }, () => {
            socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
          });
          let text = '';
          socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
          socket.on('end', () => resolve(text.includes('ok') ? 'served' : 'closed'));
          socket.on('error', (error: NodeJS.ErrnoException) =>
            resolve(`refused: ${error.code ?? error.message}`),
          );
        });
      expect(await handshake({})).toMatch(/^refused/);
      expect(await handshake({ cert: clientCert, key: clientKey, passphrase: String(pass).trim() })).toBe(
        'served',
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('verifies upstream certificates: an upstream the CA did not sign is a clear 502', async () => {
    // A certificate that is valid but signed by nobody we trust: the system CAs, not the development CA.
    const pki = path.join(harness.dataDir, 'pki');
    const [cert, key] = await Promise.all(
      ['server.crt', 'server.key'].map((f) => readFile(path.join(pki, f))),
    );
    const foreign = https.createServer({ cert, key }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
    const systemTrustOnly = new Agent();
    try {
      const iam = createIamClient({ endpoint: url, dispatcher: systemTrustOnly, timeoutMs: 2000 });
      await expect(
        iam({ domain: 'demo', username: 'admin', password: 'Admin@12345', project: 'ae-ad-1' }),
      ).rejects.toMatchObject({
        status: 502,
        code: 'CONSOLE.0502',
      });
      await expect(fetch(url, { dispatcher: systemTrustOnly })).rejects.toThrow();
    } finally {
      await systemTrustOnly.close();
      foreign.closeAllConnections();
      await new Promise((resolve) => foreign.close(resolve));
    }
  });
});
