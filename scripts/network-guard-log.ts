/**
 * Reading what scripts/network-guard.mjs recorded: every outbound connection attempt and DNS
 * question of the processes that ran under it. The no-outbound-connections test and the benchmark
 * judge a run by it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The preload, for `node --import` or NODE_OPTIONS (beside this module, source or compiled). */
export const NETWORK_GUARD_PRELOAD = fileURLToPath(new URL('./network-guard.mjs', import.meta.url));

export interface NetworkAttempt {
  pid: number;
  kind: 'connect' | 'ipc' | 'dns' | 'udp';
  host?: string;
  port?: number;
  path?: string;
  call?: string;
  refused?: boolean;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/i;

/** The environment that puts a process (and every process it starts) under the guard. */
export function networkGuardEnvironment(logFile: string): Record<string, string> {
  const existing = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { NODE_OPTIONS: `${existing}--import=${NETWORK_GUARD_PRELOAD}`, NETWORK_GUARD_LOG: logFile };
}

export function readNetworkAttempts(logFile: string): NetworkAttempt[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as NetworkAttempt);
}

/**
 * The attempts that went (or tried to go) beyond this machine, or, when `allowedPorts` is given,
 * to a loopback port nobody configured. A Unix socket is on this machine.
 */
export function attemptsBeyond(attempts: readonly NetworkAttempt[], allowedPorts?: ReadonlySet<number>): NetworkAttempt[] {
  return attempts.filter((attempt) => {
    if (attempt.refused) return true;
    if (attempt.kind === 'ipc') return false;
    if (!LOOPBACK.test(attempt.host ?? '')) return true;
    return allowedPorts !== undefined && attempt.kind !== 'dns' && !allowedPorts.has(attempt.port!);
  });
}
