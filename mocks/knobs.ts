/**
 * Per-registry behaviour knobs: latency, errors, timeouts and outages. Set at start (from the
 * environment through config.ts, or by startMockRegistries' options), changed at run time over
 * HTTP (admin.ts), and put back to the start values by reset.
 */
import { z } from 'zod';
import { REGISTRY_IDS, type RegistryId } from '../contracts/registry-catalogue.js';

export interface RegistryKnobs {
  /** Base latency of every answer, in ms. */
  latencyMs: number;
  /** Uniform extra latency, 0..jitterMs. */
  jitterMs: number;
  /** Share of calls (0..1) that take tailMs longer: the rare slow tail. */
  tailRate: number;
  tailMs: number;
  /** Share of calls (0..1) the registry answers with 500 internal_error. */
  errorRate: number;
  /** Share of calls (0..1) held for timeoutMs and then failed with an X-Road timeout. */
  timeoutRate: number;
  timeoutMs: number;
  /** The registry cannot be reached: every call fails at once with an X-Road network error. */
  down: boolean;
}

export const DEFAULT_KNOBS: Readonly<RegistryKnobs> = {
  latencyMs: 20,
  jitterMs: 10,
  tailRate: 0,
  tailMs: 500,
  errorRate: 0,
  timeoutRate: 0,
  timeoutMs: 5000,
  down: false,
};

const milliseconds = z.number().int().min(0).max(3_600_000);
const rate = z.number().min(0).max(1);

/** A change to some knobs; unknown fields are refused so a typo is not silently ignored. */
export const knobsPatchSchema = z.strictObject({
  latencyMs: milliseconds.optional(),
  jitterMs: milliseconds.optional(),
  tailRate: rate.optional(),
  tailMs: milliseconds.optional(),
  errorRate: rate.optional(),
  timeoutRate: rate.optional(),
  timeoutMs: milliseconds.optional(),
  down: z.boolean().optional(),
});

export type KnobsPatch = z.infer<typeof knobsPatchSchema>;

/** Start values: `defaults` for every registry, then each registry's own. */
export interface KnobSettings {
  defaults?: KnobsPatch;
  registries?: Partial<Record<RegistryId, KnobsPatch>>;
}

export type AllKnobs = Record<RegistryId, RegistryKnobs>;

/** Validates a patch; the message names each bad field. */
export function parseKnobsPatch(value: unknown): { ok: true; patch: KnobsPatch } | { ok: false; message: string } {
  const parsed = knobsPatchSchema.safeParse(value);
  if (parsed.success) return { ok: true, patch: parsed.data };
  return { ok: false, message: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ') };
}

function withoutUndefined(patch: KnobsPatch): Partial<RegistryKnobs> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

export class KnobStore {
  private readonly start: AllKnobs;
  private current: AllKnobs;

  constructor(settings: KnobSettings = {}) {
    const start = {} as AllKnobs;
    for (const id of REGISTRY_IDS) {
      start[id] = { ...DEFAULT_KNOBS, ...withoutUndefined(settings.defaults ?? {}), ...withoutUndefined(settings.registries?.[id] ?? {}) };
    }
    this.start = start;
    this.current = structuredClone(start);
  }

  get(registry: RegistryId): Readonly<RegistryKnobs> {
    return this.current[registry];
  }

  all(): AllKnobs {
    return structuredClone(this.current);
  }

  patch(registry: RegistryId, patch: KnobsPatch): RegistryKnobs {
    this.current[registry] = { ...this.current[registry], ...withoutUndefined(patch) };
    return { ...this.current[registry] };
  }

  patchAll(patch: KnobsPatch): AllKnobs {
    for (const id of REGISTRY_IDS) this.patch(id, patch);
    return this.all();
  }

  /** Back to the values the mocks started with. */
  reset(): AllKnobs {
    this.current = structuredClone(this.start);
    return this.all();
  }
}

/** How long this call waits before it is answered: base + uniform jitter, plus the slow tail by chance. */
export function sampleLatencyMs(knobs: RegistryKnobs, random: () => number = Math.random): number {
  const tail = knobs.tailRate > 0 && random() < knobs.tailRate ? knobs.tailMs : 0;
  return Math.round(knobs.latencyMs + random() * knobs.jitterMs + tail);
}
