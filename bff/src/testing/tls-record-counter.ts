import net, { type AddressInfo } from 'node:net';

/** TLS's record type for application data: in TLS 1.3 every record after the handshake is one. */
const applicationData = 23;

/**
 * A TCP relay in front of a TLS server that counts the TLS records the server sends back, by their 5-byte
 * headers (type, version, length): what a browser's network sees of how the server writes, which no client
 * library shows.
 */
export async function tlsRecordCounter(target: URL): Promise<{
  /** `target` through the relay. */
  url: string;
  /** Application data records the server has sent so far, on every connection. */
  records(): number;
  close(): Promise<void>;
}> {
  let records = 0;
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const server = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(server);
    client.pipe(server);
    let pending = Buffer.alloc(0);
    server.on('data', (chunk: Buffer) => {
      // Counted before the client can read it, so a client that has read an event sees its record counted.
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5) {
        const end = 5 + pending.readUInt16BE(3);
        if (pending.length < end) break;
        if (pending[0] === applicationData) records += 1;
        pending = pending.subarray(end);
      }
      client.write(chunk);
    });
    server.on('end', () => client.end());
    for (const [socket, other] of [
      [client, server],
      [server, client],
    ] as const) {
      socket.on('error', () => other.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        other.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.port = String((relay.address() as AddressInfo).port);
  return {
    url: url.origin,
    records: () => records,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}
