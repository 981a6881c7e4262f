/**
 * A TCP proxy a test controls, for "stopping" a server (PostgreSQL) without stopping it: put it
 * between a process and the server, then switch it
 *   up         bytes flow both ways
 *   down       every connection is cut at once, and new ones are accepted and cut (the server is gone)
 *   blackhole  new connections are accepted and never answered (a network that drops packets)
 * and back up, its address never changing. The counting proxy (counting-proxy.ts) does the same
 * for HTTP; this one works on any protocol.
 */
import net from 'node:net';

export type TcpProxyMode = 'up' | 'down' | 'blackhole';

export interface TcpProxy {
  host: string;
  port: number;
  mode: TcpProxyMode;
  /** Connections accepted since the start. */
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: TcpProxyMode = 'up';
  let connections = 0;
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    // A cut connection's errors are the point, not a failure of the test.
    socket.on('error', () => {});
  };
  const server = net.createServer((client) => {
    connections += 1;
    track(client);
    if (mode === 'down') {
      client.destroy();
      return;
    }
    if (mode === 'blackhole') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.once('close', cut);
    upstream.once('close', cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    get mode() {
      return mode;
    },
    set mode(value) {
      mode = value;
      // Connections opened while up must not carry anything past the switch.
      if (value !== 'up') for (const socket of open) socket.destroy();
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
