// The comparison point for the BFF: express + http-proxy-middleware as a proxy is usually first written. It
// trusts the development CA and nothing else. Its agent has no keep-alive, as http-proxy-middleware 3 had by
// default (version 4 keeps connections alive unless given an agent): a new upstream connection per request.
// PLAIN_PROXY_KEEP_ALIVE=1 gives it a keep-alive agent instead, the one change that matters most.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

const [target, port, cert, key, ca] = [
  process.env.PLAIN_PROXY_TARGET,
  process.env.PLAIN_PROXY_PORT,
  process.env.PLAIN_PROXY_CERT,
  process.env.PLAIN_PROXY_KEY,
  process.env.PLAIN_PROXY_CA,
];
if (!target || !port || !cert || !key || !ca) throw new Error('PLAIN_PROXY_* variables are required');

const app = express();
app.use(
  createProxyMiddleware({
    target,
    changeOrigin: true,
    agent: new https.Agent({ ca: readFileSync(ca), keepAlive: process.env.PLAIN_PROXY_KEEP_ALIVE === '1' }),
  }),
);
https
  .createServer({ cert: readFileSync(cert), key: readFileSync(key) }, app)
  .listen(Number(port), '127.0.0.1', () => console.log(`plain proxy on ${port}`));
process.on('SIGTERM', () => process.exit(0));
