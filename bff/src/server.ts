import https from 'node:https';
import type { RequestListener } from 'node:http';
import type { Duplex } from 'node:stream';
import { bffErrorCodes, tlsServerProfile, type ApiErrorBody } from '@dws-console/shared';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** When given, browsers must present a certificate from this CA; others are refused in the handshake. */
  clientCa?: Buffer;
}

/** The console's HTTPS server: TLS always (Mozilla's intermediate profile), mutual TLS when a client CA is configured. */
export function createConsoleServer(tls: TlsMaterial, app: RequestListener): https.Server {
  const server = https.createServer(
    {
      ...tlsServerProfile,
      cert: tls.cert,
      key: tls.key,
      ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
    },
    app,
  );
  // Long event streams must not be cut by Node's request timeout; idle keep-alive sockets still close.
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  server.on('clientError', answerUnparsableRequest);
  return server;
}

/**
 * A request Node's HTTP parser refuses (raw bytes in the path, a header too large, a broken request
 * line) never reaches Express. Node's own answer is a bare status line; this one says what was wrong
 * in the console's error shape, like every other refusal.
 */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.']
        : [
            400,
            'Bad Request',
            'The request is not valid HTTP (a path or header with characters HTTP does not allow?).',
          ];
  const body: ApiErrorBody = { error_code: bffErrorCodes.validation, error_msg: message };
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${text}`,
  );
}
