// A DBMind-shaped event source for the streaming benchmarks: mutual TLS like DBMind, and each
// event carries the moment it was written, so a client can tell how long it took to arrive.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { performance } from 'node:perf_hooks';

const [port, cert, key, ca] = [
  process.env.SSE_SOURCE_PORT,
  process.env.SSE_SOURCE_CERT,
  process.env.SSE_SOURCE_KEY,
  process.env.SSE_SOURCE_CA,
];
const instance = process.env.SSE_SOURCE_INSTANCE;
if (!port || !cert || !key || !ca || !instance) throw new Error('SSE_SOURCE_* variables are required');

const now = () => performance.timeOrigin + performance.now();

const server = https.createServer(
  {
    cert: readFileSync(cert),
    key: readFileSync(key),
    ca: readFileSync(ca),
    requestCert: true,
    rejectUnauthorized: true,
  },
  (req, res) => {
    // DBMind's cluster list and switch, which the BFF asks before each question: one registered instance.
    if (req.url?.startsWith('/v1/api/clusters')) {
      const data =
        req.method === 'GET'
          ? { [instance]: { cluster_name: 'bench', instances: [instance], managed: true } }
          : true;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ success: true, data }));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // The question says how many events to send and how far apart: "events=20 interval=50".
      const { query = '' } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        query?: string;
      };
      const events = Number(/events=(\d+)/.exec(query)?.[1] ?? 20);
      const interval = Number(/interval=(\d+)/.exec(query)?.[1] ?? 50);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      let sent = 0;
      const send = () => {
        sent += 1;
        const last = sent >= events;
        const element = last
          ? { content: 'DONE', type: 'progress' }
          : { content: `step ${sent}`, type: 'progress' };
        res.write(`data:${JSON.stringify({ data: [element], sentAt: now(), success: true })}\n\n`);
        if (last) {
          clearInterval(timer);
          res.end();
        }
      };
      const timer = setInterval(send, interval);
      res.on('close', () => clearInterval(timer));
    });
  },
);
// Idle connections stay open between the bench's rounds, so a measured round never waits for a handshake.
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`sse source on ${port}`));
process.on('SIGTERM', () => process.exit(0));
