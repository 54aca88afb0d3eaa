// The comparison point for the BFF: express + http-proxy-middleware as a proxy is usually first written. It
// trusts the development CA and nothing else. Its agent has no keep-alive, as http-proxy-middleware 3 had by
// default (version 4 keeps connections alive unless given an agent): a new upstream connection per request.
// PLAIN_PROXY_KEEP_ALIVE=1 gives it a keep-alive agent instead, the one change that matters most.
// PLAIN_PROXY_CLIENT_CERT, _KEY and _PASS_FILE make it show the upstream a client certificate, as the BFF does
// to DBMind: the relay of answer streams a user would otherwise write.
import { readFileSync } from 'node:fs';
import https from 'node:https';
import express from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

const env = process.env;
const [target, port, cert, key, ca] = [
  env.PLAIN_PROXY_TARGET,
  env.PLAIN_PROXY_PORT,
  env.PLAIN_PROXY_CERT,
  env.PLAIN_PROXY_KEY,
  env.PLAIN_PROXY_CA,
];
if (!target || !port || !cert || !key || !ca) throw new Error('PLAIN_PROXY_* variables are required');
const client = env.PLAIN_PROXY_CLIENT_CERT
  ? {
      cert: readFileSync(env.PLAIN_PROXY_CLIENT_CERT),
      key: readFileSync(env.PLAIN_PROXY_CLIENT_KEY ?? ''),
      passphrase: readFileSync(env.PLAIN_PROXY_CLIENT_PASS_FILE ?? '', 'utf8').trim(),
    }
  : {};

const app = express();
app.use(
  createProxyMiddleware({
    target,
    changeOrigin: true,
    agent: new https.Agent({
      ca: readFileSync(ca),
      keepAlive: env.PLAIN_PROXY_KEEP_ALIVE === '1',
      ...client,
    }),
  }),
);
https
  .createServer({ cert: readFileSync(cert), key: readFileSync(key) }, app)
  .listen(Number(port), '127.0.0.1', () => console.log(`plain proxy on ${port}`));
process.on('SIGTERM', () => process.exit(0));
