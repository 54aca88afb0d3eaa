import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * A DBMind stand-in that a test scripts event by event: it speaks mutual TLS with the development PKI
 * like the real one, but lets the test decide when each event goes out, when it dies, and see when the
 * relay hangs up. The real emulator cannot be told to die in the middle of an answer.
 */
export interface ScriptedUpstream {
  url: string;
  requests: { body: unknown; closed: Promise<void> }[];
  /** The cluster calls it answered: lists read and clusters chosen. */
  clusterCalls: { list: number; choose: number };
  /** Called for each request: write events with `send`, end or destroy as the test pleases. */
  onRequest(handler: (call: ScriptedCall) => Promise<void> | void): void;
  close(): Promise<void>;
}

export interface ScriptedCall {
  body: unknown;
  res: ServerResponse;
  send(data: unknown): void;
  closed: Promise<void>;
}

/** The one cluster the stand-in manages: a harness in front of it lets its sessions use this instance. */
export const scriptedInstance = '127.0.0.1:5432';

/** Its cluster calls (list, choose), as DBMind answers them, so a question can be asked through the console. */
function answerClusterCall(req: IncomingMessage, res: ServerResponse): void {
  const data =
    req.method === 'GET'
      ? { [scriptedInstance]: { cluster_name: 'scripted', instances: [scriptedInstance], managed: true } }
      : true;
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data, success: true }));
}

export async function startScriptedUpstream(dataDir: string): Promise<ScriptedUpstream> {
  const pki = path.join(dataDir, 'pki');
  const [ca, cert, key] = await Promise.all(
    ['ca.crt', 'server.crt', 'server.key'].map((file) => readFile(path.join(pki, file))),
  );
  let handler: (call: ScriptedCall) => Promise<void> | void = (call) => {
    call.res.end();
  };
  const requests: ScriptedUpstream['requests'] = [];
  const clusterCalls = { list: 0, choose: 0 };
  const server = https.createServer(
    { ca, cert, key, requestCert: true, rejectUnauthorized: true },
    (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/v1/api/clusters')) {
        req.resume();
        clusterCalls[req.method === 'GET' ? 'list' : 'choose'] += 1;
        return answerClusterCall(req, res);
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
        const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
        requests.push({ body, closed });
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        res.flushHeaders();
        void handler({
          body,
          res,
          closed,
          send: (data) => res.write(`data:${JSON.stringify(data)}\n\n`),
        });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    clusterCalls,
    onRequest(next) {
      handler = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export const progress = (content: string) => ({ data: [{ content, type: 'progress' }], success: true });
