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

/**
 * How long a client may take to send a request: its headers, then all of it. They bound receiving the request
 * only, never the answer, so an event stream of any length stays whole; a body trickled a byte at a time is cut
 * off with a 408 instead of holding a socket for ever.
 */
export interface RequestTimeouts {
  headersMs: number;
  requestMs: number;
  /** How often Node looks for requests past them. */
  checkEveryMs: number;
}

/** The largest request body (512 KiB, a stored turn) arrives in 30 s at 140 kbit/s. */
export const defaultRequestTimeouts: RequestTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  checkEveryMs: 5_000,
};

/** The console's HTTPS server: TLS always (Mozilla's intermediate profile), mutual TLS when a client CA is configured. */
export function createConsoleServer(
  tls: TlsMaterial,
  app: RequestListener,
  timeouts: RequestTimeouts = defaultRequestTimeouts,
): https.Server {
  const server = https.createServer(
    {
      ...tlsServerProfile,
      cert: tls.cert,
      key: tls.key,
      ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
    },
    app,
  );
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
