// A preload (`node --import ./scripts/network-guard.mjs ...`, or in NODE_OPTIONS so that child
// processes carry it too) that records every outbound network attempt of the process and refuses
// those to anything but a loopback address. The no-outbound-connections test and the benchmark
// run casegraph under it and fail on any destination nobody configured: it is how "nothing leaves
// the machine" is checked rather than assumed.
//
// Recorded, one JSON line each, appended synchronously to $NETWORK_GUARD_LOG (so a record survives
// the process being killed right after):
//   {"pid", "kind": "connect", "host", "port"}   every TCP or TLS connect (net.Socket#connect)
//   {"pid", "kind": "ipc", "path"}               a connect to a Unix socket
//   {"pid", "kind": "dns", "host", "call"}       every DNS question (dns.lookup, dns.resolve*, Resolver)
//   {"pid", "kind": "udp", "host", "port"}       every UDP send or connect (dgram)
// with "refused": true where the guard refused it. Without NETWORK_GUARD_LOG it only refuses.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const logFile = process.env.NETWORK_GUARD_LOG;

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost', 'ip6-loopback']);

/** Whether `host` names this machine: 127.0.0.0/8, ::1 (also IPv4-mapped), localhost. */
export function isLoopback(host) {
  if (typeof host !== 'string' || host === '') return true; // node's default host is localhost
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (LOOPBACK_NAMES.has(bare.toLowerCase())) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) {
    const lower = bare.toLowerCase();
    return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower);
  }
  return false;
}

function record(entry) {
  if (!logFile) return;
  appendFileSync(logFile, `${JSON.stringify({ pid: process.pid, ...entry })}\n`);
}

function refusal(what) {
  const error = new Error(`network guard: ${what} is not a loopback destination; refused`);
  error.code = 'ECONNREFUSED';
  return error;
}

// --- TCP and TLS: every client socket goes through net.Socket#connect --------------------------

/** The destination of net.Socket#connect's overloads: (options[, cb]), (port[, host][, cb]), (path[, cb]). */
function destinationOf(args) {
  let [first, second] = args;
  if (Array.isArray(first)) first = first[0]; // net's internal normalized form
  if (first !== null && typeof first === 'object') {
    if (typeof first.path === 'string') return { path: first.path };
    return { host: first.host ?? 'localhost', port: Number(first.port) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { host: typeof second === 'string' ? second : 'localhost', port: Number(first) };
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const destination = destinationOf(args);
  if ('path' in destination) {
    record({ kind: 'ipc', path: destination.path });
    return originalConnect.apply(this, args);
  }
  const refused = !isLoopback(destination.host);
  record({ kind: 'connect', host: destination.host, port: destination.port, ...(refused ? { refused } : {}) });
  if (!refused) return originalConnect.apply(this, args);
  const callback = args.find((arg) => typeof arg === 'function');
  if (callback) this.once('connect', callback);
  process.nextTick(() => this.destroy(refusal(`${destination.host}:${destination.port}`)));
  return this;
};

// --- DNS: lookups (getaddrinfo) and resolver queries (c-ares) -----------------------------------

function guardLookup(original, call) {
  return function guardedLookup(hostname, ...rest) {
    const refused = !isLoopback(hostname);
    record({ kind: 'dns', host: String(hostname), call, ...(refused ? { refused } : {}) });
    if (!refused) return original.call(this, hostname, ...rest);
    const callback = rest.find((arg) => typeof arg === 'function');
    const error = Object.assign(refusal(`DNS question for ${hostname}`), { code: 'ENOTFOUND', hostname });
    if (callback) {
      process.nextTick(() => callback(error));
      return undefined;
    }
    return Promise.reject(error);
  };
}

const RESOLVER_METHODS = [
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveCaa',
  'resolveCname',
  'resolveMx',
  'resolveNaptr',
  'resolveNs',
  'resolvePtr',
  'resolveSoa',
  'resolveSrv',
  'resolveTxt',
  'reverse',
];

function guardModule(target, prefix) {
  if (typeof target.lookup === 'function') target.lookup = guardLookup(target.lookup, `${prefix}lookup`);
  for (const method of RESOLVER_METHODS) {
    if (typeof target[method] === 'function') target[method] = guardLookup(target[method], `${prefix}${method}`);
  }
}

guardModule(dns, 'dns.');
guardModule(dns.promises, 'dns.promises.');
guardModule(dns.Resolver.prototype, 'dns.Resolver#');
guardModule(dns.promises.Resolver.prototype, 'dns.promises.Resolver#');

// --- UDP ----------------------------------------------------------------------------------------

function guardDatagram(method) {
  const original = dgram.Socket.prototype[method];
  dgram.Socket.prototype[method] = function guardedDatagram(...args) {
    // send(msg[, offset, length], port[, address][, cb]) and connect(port[, address][, cb])
    const numbers = args.filter((arg) => typeof arg === 'number');
    const port = method === 'connect' ? args[0] : numbers[numbers.length - 1];
    const host = args.find((arg, index) => index > 0 && typeof arg === 'string') ?? 'localhost';
    const refused = !isLoopback(host);
    record({ kind: 'udp', host, port, call: method, ...(refused ? { refused } : {}) });
    if (refused) throw refusal(`UDP to ${host}:${port}`);
    return original.apply(this, args);
  };
}
guardDatagram('send');
guardDatagram('connect');

// `import { lookup } from 'node:dns'` in ES modules sees the guarded functions too.
syncBuiltinESMExports();
