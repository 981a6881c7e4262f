/**
 * The registries casegraph consults, as X-Road knows them.
 *
 * This is the one place that says which registries exist, what they are called in error
 * messages and provenance, and where X-Road routes to them. The mocks serve exactly these
 * services and the subgraphs' registry clients call exactly these, so adding a registry starts
 * with an entry here (see docs/adding-a-registry.md).
 */

export type RegistryId = 'caseRegister' | 'population' | 'police' | 'sis' | 'tradeRegister' | 'tax';

export interface RegistryDescription {
  id: RegistryId;
  /** The value of the `Registry` enum in the graph and of `extensions.registry` in errors. */
  code: string;
  /** What a case worker calls it; used at the start of error messages. */
  title: string;
  /** X-Road subsystem identifier below the instance: CLASS/MEMBER/SUBSYSTEM. */
  xRoadSubsystem: string;
  /**
   * Whether the registry answers many keys in one call. Police and SIS answer one subject per
   * call, so the graph bounds their concurrency instead of batching.
   */
  batch: boolean;
}

export const REGISTRIES: Readonly<Record<RegistryId, RegistryDescription>> = {
  caseRegister: {
    id: 'caseRegister',
    code: 'CASE_REGISTER',
    title: 'Case register (UMA)',
    xRoadSubsystem: 'GOV/1765514-2/UMA',
    batch: true,
  },
  population: {
    id: 'population',
    code: 'POPULATION',
    title: 'Population information system (VTJ)',
    xRoadSubsystem: 'GOV/0245437-2/VTJkysely',
    batch: true,
  },
  police: {
    id: 'police',
    code: 'POLICE',
    title: 'Police case management',
    xRoadSubsystem: 'GOV/0245442-8/PoliisiAsiat',
    batch: false,
  },
  sis: {
    id: 'sis',
    code: 'SIS',
    title: 'SIS II',
    xRoadSubsystem: 'GOV/0245442-8/NSIS',
    batch: false,
  },
  tradeRegister: {
    id: 'tradeRegister',
    code: 'TRADE_REGISTER',
    title: 'Trade register (YTJ)',
    xRoadSubsystem: 'GOV/0244680-7/YTJ',
    batch: true,
  },
  tax: {
    id: 'tax',
    code: 'TAX',
    title: 'Tax administration compliance report',
    xRoadSubsystem: 'GOV/0245458-3/Verohallinto',
    batch: true,
  },
};

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
