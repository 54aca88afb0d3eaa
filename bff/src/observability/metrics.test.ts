import { EventEmitter, once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('metrics', () => {
  it('counts labels given in any order as one series, and escapes their values', async () => {
    const metrics = new Metrics();
    metrics.count('bff_upstream_errors_total', 'Upstream calls that failed.', {
      upstream: 'dws',
      kind: 'timeout',
    });
    metrics.count('bff_upstream_errors_total', 'Upstream calls that failed.', {
      kind: 'timeout',
      upstream: 'dws',
    });
    metrics.count('bff_upstream_errors_total', 'Upstream calls that failed.', {
      kind: 'a "b"\\\nc',
      upstream: 'dws',
    });
    const text = await metrics.render();
    expect(text).toContain('bff_upstream_errors_total{kind="timeout",upstream="dws"} 2\n');
    expect(text).toContain('bff_upstream_errors_total{kind="a \\"b\\"\\\\\\nc",upstream="dws"} 1\n');
  });

  it('keeps a series per method, route and status of the answered requests', async () => {
    const metrics = new Metrics();
    const finished = new EventEmitter();
    const app = express();
    app.use(metrics.middleware);
    app.use((req, res) => {
      // After the middleware's own listener, so the request has been counted by then.
      res.once('finish', () => finished.emit('counted'));
      res.locals.route = req.path.startsWith('/api/') ? req.path : undefined;
      res.status(req.query.status ? Number(req.query.status) : 200).end();
    });
    const server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      for (const [method, path] of [
        ['GET', '/api/clusters'],
        ['GET', '/api/clusters'],
        ['GET', '/api/clusters?status=404'],
        ['POST', '/api/clusters'],
        ['GET', '/favicon.ico'],
      ] as const) {
        const counted = once(finished, 'counted');
        await (await fetch(`http://127.0.0.1:${port}${path}`, { method })).arrayBuffer();
        await counted;
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    const text = await metrics.render();
    const series = (prefix: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(prefix))
        .sort();
    expect(series('bff_http_requests_total{')).toEqual([
      'bff_http_requests_total{method="GET",route="/api/clusters",status="200"} 2',
      'bff_http_requests_total{method="GET",route="/api/clusters",status="404"} 1',
      'bff_http_requests_total{method="GET",route="other",status="200"} 1',
      'bff_http_requests_total{method="POST",route="/api/clusters",status="200"} 1',
    ]);
    expect(series('bff_http_request_duration_seconds_count')).toEqual([
      'bff_http_request_duration_seconds_count{method="GET",route="/api/clusters"} 3',
      'bff_http_request_duration_seconds_count{method="GET",route="other"} 1',
      'bff_http_request_duration_seconds_count{method="POST",route="/api/clusters"} 1',
    ]);
    // Buckets count every request at or under their bound.
    for (const le of ['10', '+Inf']) {
      expect(text).toContain(
        `bff_http_request_duration_seconds_bucket{le="${le}",method="GET",route="/api/clusters"} 3\n`,
      );
    }
  });
});
