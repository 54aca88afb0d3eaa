import net from 'node:net';

/**
 * A port the system considers free on 127.0.0.1. The API's `port` (8000-30000) is only what the user asked for:
 * two projects may both ask for 8000, and that range holds other services of a shared machine, so each server
 * gets an ephemeral port instead (decision 004). Between this check and the server's bind another process may
 * take the port: callers retry with a new one.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/** True when nothing listens on the port yet. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
