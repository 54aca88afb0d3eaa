import { EventEmitter, once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { requestLog } from './request-log.ts';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** An app with the request log at `level`; answers each path, and resolves with the log's lines by then. */
async function logsAt(level: string, paths: string[]): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  // Told after the log's own listener, so a line that is written has been by then.
  const answered = new EventEmitter();
  const app = express();
  app.use(requestLog(createLogger({ level }, sink)));
  app.use((_req, res) => {
    res.once('close', () => answered.emit('closed'));
    res.json({});
  });
  server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  for (const path of paths) {
    const closed = once(answered, 'closed');
    await (await fetch(`http://127.0.0.1:${port}${path}`)).arrayBuffer();
    await closed;
  }
  return lines.filter((line) => line.msg === 'request');
}

describe('the request log', () => {
  it('writes a line per API call at info, and leaves static files to debug', async () => {
    const lines = await logsAt('info', ['/api/session', '/assets/app.js', '/api/dws/clusters']);
    expect(lines.map((line) => [line.level, line.path])).toEqual([
      [30, '/api/session'],
      [30, '/api/dws/clusters'],
    ]);
  });

  it('writes the other requests too at debug', async () => {
    const lines = await logsAt('debug', ['/api/session', '/assets/app.js']);
    expect(lines.map((line) => [line.level, line.path])).toEqual([
      [30, '/api/session'],
      [20, '/assets/app.js'],
    ]);
  });

  it('writes nothing below its level', async () => {
    expect(await logsAt('warn', ['/api/session', '/assets/app.js'])).toEqual([]);
  });
});
