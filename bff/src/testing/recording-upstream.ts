import { readFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A DWS stand-in over TLS that records exactly what reached it and answers as the test says: the
 * emulator cannot show the headers it received, hang on purpose, or send hop-by-hop headers back.
 */
export interface RecordingUpstream {
  url: string;
  requests: RecordedRequest[];
  answer(handler: (req: RecordedRequest, res: ServerResponse) => void): void;
  /** TLS connections open to it right now (a proxy's idle keep-alive sockets count too). */
  connections(): Promise<number>;
  close(): Promise<void>;
}

export async function startRecordingUpstream(dataDir: string): Promise<RecordingUpstream> {
  const [cert, key] = await Promise.all(
    ['server.crt', 'server.key'].map((file) => readFile(path.join(dataDir, 'pki', file))),
  );
  const requests: RecordedRequest[] = [];
  let handler: (req: RecordedRequest, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  };
  const server = https.createServer({ cert, key }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer(next) {
      handler = next;
    },
    connections() {
      return new Promise((resolve, reject) =>
        server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
