/**
 * What a subgraph read from the registries for one request, and which fields it served, reported
 * to the gateway in a response extension the gateway strips before the client sees it: every lookup's answers, grouped by
 * where they came from (a registry call, the memory cache, Redis, a call another request had in
 * flight), with the subjects they were about, the X-Road request ids behind them and how it went.
 *
 * The audit trail records every view of personal data from it, cached or not, and GraphiQL's plan
 * panel shows the registry calls a query caused. Every registry read goes through the registry
 * cache's lookup (also with the cache off), which is where this is recorded, so none is missed.
 */
export const REGISTRY_ACTIVITY_EXTENSION = 'casegraphRegistryActivity';

export type AnswerSource = 'registry' | 'memory' | 'redis' | 'shared';

export interface RegistryActivity {
  /** The Registry enum code, e.g. POLICE. */
  registry: string;
  /** The X-Road service id that answered (or was asked), e.g. FI/GOV/0245442-8/PoliisiAsiat/persons. */
  service: string;
  source: AnswerSource;
  /** How many keys (subjects asked by) this part of the lookup answered. */
  keys: number;
  /** Identity codes, Business IDs, document numbers and case-register ids the answers are about: personal data, never logged. */
  subjects: string[];
  /** The X-Road request ids of the registry calls behind the answers (for cached ones, the original call). */
  xRoadIds: string[];
  durationMs: number;
  outcome: 'ok' | 'failed';
}

/** Where a lookup reports what it did; the request's list in a subgraph. */
export type RegistryActivitySink = (activity: RegistryActivity) => void;

/** The extension's value in a subgraph's response. */
export interface RegistryActivityReport {
  activity: RegistryActivity[];
  /** The fields (Type.field) the subgraph's operation selected: what it served. */
  fields: string[];
}
