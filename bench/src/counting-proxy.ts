import https from 'node:https';
import type { AddressInfo } from 'node:net';

/**
 * An HTTPS pass-through that counts the requests it forwards by method and path (no query), so the bench can
 * tell how often the BFF asks IAM for a token. It runs in the bench process: it sees log-ins only, never load.
 */
export async function startCountingProxy(options: {
  upstream: string;
  cert: Buffer;
  key: Buffer;
  ca: Buffer;
}): Promise<{ url: string; counts: Map<string, number>; close(): Promise<void> }> {
  const counts = new Map<string, number>();
  const upstream = new URL(options.upstream);
  const agent = new https.Agent({ ca: options.ca, keepAlive: true });
  const server = https.createServer({ cert: options.cert, key: options.key }, (req, res) => {
    const key = `${req.method} ${(req.url ?? '/').split('?')[0]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const forward = https.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
