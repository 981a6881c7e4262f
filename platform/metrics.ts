/**
 * Prometheus metrics of a process: one registry, which the modules of the process register their
 * metrics into (the gateway's request metrics, the audit writer's, a sink's spool), served as
 * Prometheus text by the route `metricsRoute` makes.
 *
 * Labels never carry personal data, and their values come from fixed sets (operation names from
 * the known operations, error codes from the registry of error codes, registries from the
 * catalogue): `boundedLabel` maps anything else to "other", so a caller cannot grow the series.
 */
import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { RouteHandler } from './http-server.js';

export type { Registry as MetricsRegistry } from 'prom-client';

/** A registry with the process's default metrics (CPU, memory, event loop lag, GC). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** `value` when it is one of `allowed`, else "other". */
export function boundedLabel(value: string | null | undefined, allowed: ReadonlySet<string>): string {
  return value !== null && value !== undefined && allowed.has(value) ? value : 'other';
}

/** Sends the registry's metrics as Prometheus text. */
export async function sendMetrics(registry: Registry, res: ServerResponse): Promise<void> {
  const text = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}

/** A route serving the registry's metrics; wrap it (routeRequiringRight) where it must not be open. */
export function metricsRoute(registry: Registry): RouteHandler {
  return (_req, res) => sendMetrics(registry, res);
}
