/**
 * A pass-through HTTP proxy that counts the requests it forwards. Put in front of a subgraph, it
 * shows whether the gateway asked that subgraph at all, from outside both: a request the gateway
 * refuses at its door must never reach one. It can also be switched off (every connection is cut
 * at once, as when the process behind it is down) and on again without its address changing, for
 * tests of a dependency that is down and comes back, and made to answer some paths with 503 itself,
 * as a load balancer does for a service behind it that is restarting.
 */
import http from 'node:http';
import { listen } from '../platform/http-server.js';

export interface CountingProxy {
  /** The proxy's origin; requests to any path are forwarded to the same path at the target. */
  url: string;
  /** Requests forwarded (or cut while down) since the start or the last reset. */
  readonly requests: number;
  /** Where requests go; may be set after the start (a target that must know the proxy's address first). */
  target: string | null;
  /** While true, every request's connection is destroyed without an answer. */
  down: boolean;
  /** While set, requests whose path matches are answered 503 Service Unavailable by the proxy itself. */
  unavailablePaths: RegExp | null;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string | null = null): Promise<CountingProxy> {
  const agent = new http.Agent({ keepAlive: true });
  let requests = 0;
  const state: { target: string | null; down: boolean; unavailablePaths: RegExp | null } = { target, down: false, unavailablePaths: null };
  const server = http.createServer((req, res) => {
    requests += 1;
    if (state.down || state.target === null) {
      req.socket.destroy();
      return;
    }
    if (state.unavailablePaths?.test(req.url ?? '/')) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/html', 'retry-after': '1' }).end('<html><body>503 Service Unavailable</body></html>');
      return;
    }
    const upstream = new URL(state.target);
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => req.socket.destroy());
    req.pipe(forwarded);
  });
  const { url } = await listen(server, 0, '127.0.0.1');
  return {
    url,
    get requests() {
      return requests;
    },
    get target() {
      return state.target;
    },
    set target(value) {
      state.target = value;
    },
    get down() {
      return state.down;
    },
    set down(value) {
      state.down = value;
      // Keep-alive connections opened while up must not carry requests past the switch.
      if (value) server.closeAllConnections();
    },
    get unavailablePaths() {
      return state.unavailablePaths;
    },
    set unavailablePaths(value) {
      state.unavailablePaths = value;
    },
    reset() {
      requests = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
