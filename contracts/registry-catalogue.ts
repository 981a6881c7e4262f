/**
 * The registries casegraph consults, as X-Road knows them.
 *
 * This is the one list of registries: which exist, what they are called in error messages,
 * provenance and reports, where X-Road routes to them, which subgraph serves them and how long
 * their answers may be cached. Everything else derives from it (the mocks' services and knobs,
 * the cache policy, the benchmark's columns) or is checked against it by a test
 * (test/registry-lists.test.ts: the GraphQL `Registry` enum, the subgraphs, the mocks). Adding a
 * registry starts with an entry here; `npm run new:registry` writes it (docs/adding-a-registry.md).
 */

export interface RegistryDescription {
  /** The value of the `Registry` enum in the graph and of `extensions.registry` in errors. */
  code: string;
  /** What a case worker calls it; used at the start of error messages. */
  title: string;
  /** A short name for tables and logs, e.g. the benchmark's columns. */
  shortName: string;
  /** X-Road subsystem identifier below the instance: CLASS/MEMBER/SUBSYSTEM. */
  xRoadSubsystem: string;
  /**
   * Whether the registry answers many keys in one call. Police and SIS answer one subject per
   * call, so the graph bounds their concurrency instead of batching.
   */
  batch: boolean;
  /** The subgraph that serves this registry's answers in the graph (subgraphs/<name>/). */
  subgraph: string;
  /**
   * How long its answers may be served from the cache by default (CACHE_TTL_<REGISTRY> overrides;
   * 0 = not cached). The reason for each figure is beside it. Before deciding, a case worker asks
   * for fresh data (Cache-Control: no-cache or @fresh), which skips every cached answer.
   */
  cacheTtlSeconds: number;
}

const HOUR = 3600;

export const REGISTRIES = {
  caseRegister: {
    code: 'CASE_REGISTER',
    title: 'Case register (UMA)',
    shortName: 'case register',
    xRoadSubsystem: 'GOV/1765514-2/UMA',
    batch: true,
    subgraph: 'applications',
    // Our own case system: statuses change as case workers act; 30 s lets a case view and the
    // queries that follow it share answers without a worklist lagging behind.
    cacheTtlSeconds: 30,
  },
  population: {
    code: 'POPULATION',
    title: 'Population information system (VTJ)',
    shortName: 'population',
    xRoadSubsystem: 'GOV/0245437-2/VTJkysely',
    batch: true,
    subgraph: 'population',
    // Names, addresses and residence change rarely, VTJ answers a million queries a day, and its
    // change notices can evict a person at once.
    cacheTtlSeconds: 4 * HOUR,
  },
  police: {
    code: 'POLICE',
    title: 'Police case management',
    shortName: 'police',
    xRoadSubsystem: 'GOV/0245442-8/PoliisiAsiat',
    batch: false,
    subgraph: 'police',
    // A new entry changes what a case worker must do; a minute only spares the follow-up queries
    // of one case view, never a later one.
    cacheTtlSeconds: 60,
  },
  sis: {
    code: 'SIS',
    title: 'SIS II',
    shortName: 'SIS',
    xRoadSubsystem: 'GOV/0245442-8/NSIS',
    batch: false,
    subgraph: 'sis',
    // A hit may call for action at once (an arrest alert): cached just long enough for one case
    // view and the prerequisite check that follows it.
    cacheTtlSeconds: 30,
  },
  tradeRegister: {
    code: 'TRADE_REGISTER',
    title: 'Trade register (YTJ)',
    shortName: 'trade register',
    xRoadSubsystem: 'GOV/0244680-7/YTJ',
    batch: true,
    subgraph: 'trade-register',
    // A daily snapshot at best.
    cacheTtlSeconds: 24 * HOUR,
  },
  tax: {
    code: 'TAX',
    title: 'Tax administration',
    shortName: 'tax',
    xRoadSubsystem: 'GOV/0245458-3/Verohallinto',
    batch: true,
    subgraph: 'tax',
    // The compliance report carries its own report date; a daily snapshot at best.
    cacheTtlSeconds: 24 * HOUR,
  },
} satisfies Record<string, RegistryDescription>;

/** A registry's key in the catalogue, e.g. tradeRegister. */
export type RegistryId = keyof typeof REGISTRIES;

export const REGISTRY_IDS = Object.keys(REGISTRIES) as RegistryId[];

/** The most keys a batch registry answers in one call; larger batches are split by the client. */
export const MAX_BATCH_KEYS = 500;

/** The X-Road service path for a registry service: `/r1/{INSTANCE}/{CLASS}/{MEMBER}/{SUBSYSTEM}/{SERVICE}`. */
export function xRoadServicePath(instance: string, registry: RegistryId, service: string): string {
  return `/r1/${instance}/${REGISTRIES[registry].xRoadSubsystem}/${service}`;
}

/** Env-variable form of a registry id: tradeRegister -> TRADE_REGISTER. */
export function registryEnvName(registry: RegistryId): string {
  return registry.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}
