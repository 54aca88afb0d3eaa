import https from 'node:https';
import type { RequestListener } from 'node:http';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** When given, browsers must present a certificate from this CA; others are refused in the handshake. */
  clientCa?: Buffer;
}

/** The console's HTTPS server: TLS always, mutual TLS when a client CA is configured. */
export function createConsoleServer(tls: TlsMaterial, app: RequestListener): https.Server {
  const server = https.createServer(
    {
      cert: tls.cert,
      key: tls.key,
      ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
    },
    app,
  );
  // Long event streams must not be cut by Node's request timeout; idle keep-alive sockets still close.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  return server;
}
