/**
 * The mock registries' configuration, read once from the environment (README.md lists every
 * variable). Knobs have a global variable (MOCK_LATENCY_MS...) and a per-registry one
 * (MOCK_TRADE_REGISTER_LATENCY_MS...) that wins over it; MOCK_<REG>_DOWN is per registry only.
 */
import { z } from 'zod';
import { env, readConfig, type EnvSource } from '../platform/config.js';
import { REGISTRY_IDS, registryEnvName, type RegistryId } from '../contracts/registry-catalogue.js';
import { isIsoDate } from './dataset/dates.js';
import { DEFAULT_GENERATOR_OPTIONS, type GeneratorOptions } from './dataset/generator-options.js';
import { DEFAULT_KNOBS, type KnobSettings, type KnobsPatch, type RegistryKnobs } from './knobs.js';

export const DEFAULT_MOCK_PORT = 4100;

const milliseconds = () => z.coerce.number().int().min(0).max(3_600_000);
const rate = () => z.coerce.number().min(0).max(1);

/** Knob variables by suffix: MOCK_<suffix> for all registries, MOCK_<REG>_<suffix> for one. */
const KNOB_VARIABLES = {
  LATENCY_MS: { knob: 'latencyMs', type: milliseconds },
  JITTER_MS: { knob: 'jitterMs', type: milliseconds },
  TAIL_RATE: { knob: 'tailRate', type: rate },
  TAIL_MS: { knob: 'tailMs', type: milliseconds },
  ERROR_RATE: { knob: 'errorRate', type: rate },
  TIMEOUT_RATE: { knob: 'timeoutRate', type: rate },
  TIMEOUT_MS: { knob: 'timeoutMs', type: milliseconds },
} as const satisfies Record<string, { knob: keyof RegistryKnobs; type: () => z.ZodType<number> }>;

const baseShape = {
  MOCK_PORT: env.port(DEFAULT_MOCK_PORT),
  MOCK_HOST: env.string('127.0.0.1'),
  XROAD_INSTANCE: env.string('FI'),
  MOCK_DATASET_FILE: z.string().min(1).optional(),
  MOCK_SEED: z.coerce.number().int().min(0).max(0xffff_ffff).default(DEFAULT_GENERATOR_OPTIONS.seed),
  MOCK_APPLICATIONS: env.nonNegativeInt(DEFAULT_GENERATOR_OPTIONS.applications),
  MOCK_PERSONS: env.nonNegativeInt(DEFAULT_GENERATOR_OPTIONS.persons),
  MOCK_EMPLOYERS: env.nonNegativeInt(DEFAULT_GENERATOR_OPTIONS.employers),
  MOCK_REFERENCE_DATE: z
    .string()
    .refine(isIsoDate, 'expected an existing date written YYYY-MM-DD')
    .default(DEFAULT_GENERATOR_OPTIONS.referenceDate),
  LOG_LEVEL: env.logLevel(),
};

function knobShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [suffix, { knob, type }] of Object.entries(KNOB_VARIABLES)) {
    shape[`MOCK_${suffix}`] = type().default(DEFAULT_KNOBS[knob]);
    for (const id of REGISTRY_IDS) shape[`MOCK_${registryEnvName(id)}_${suffix}`] = type().optional();
  }
  for (const id of REGISTRY_IDS) shape[`MOCK_${registryEnvName(id)}_DOWN`] = env.boolean(false);
  return shape;
}

export interface MockConfig {
  port: number;
  host: string;
  instance: string;
  /** When set, the data set is read from this file instead of generated. */
  datasetFile: string | undefined;
  generator: GeneratorOptions;
  knobs: KnobSettings;
  logLevel: z.infer<ReturnType<typeof env.logLevel>>;
}

export function readMockConfig(source: EnvSource = process.env): MockConfig {
  const values = readConfig({ ...baseShape, ...knobShape() }, source);
  const knobValues = values as Record<string, unknown>;
  const defaults: KnobsPatch = {};
  const registries: Partial<Record<RegistryId, KnobsPatch>> = {};
  for (const [suffix, { knob }] of Object.entries(KNOB_VARIABLES)) {
    defaults[knob] = knobValues[`MOCK_${suffix}`] as number;
  }
  for (const id of REGISTRY_IDS) {
    const own: KnobsPatch = { down: knobValues[`MOCK_${registryEnvName(id)}_DOWN`] as boolean };
    for (const [suffix, { knob }] of Object.entries(KNOB_VARIABLES)) {
      const value = knobValues[`MOCK_${registryEnvName(id)}_${suffix}`] as number | undefined;
      if (value !== undefined) own[knob] = value;
    }
    registries[id] = own;
  }
  return {
    port: values.MOCK_PORT,
    host: values.MOCK_HOST,
    instance: values.XROAD_INSTANCE,
    datasetFile: values.MOCK_DATASET_FILE,
    generator: {
      seed: values.MOCK_SEED,
      applications: values.MOCK_APPLICATIONS,
      persons: values.MOCK_PERSONS,
      employers: values.MOCK_EMPLOYERS,
      referenceDate: values.MOCK_REFERENCE_DATE,
    },
    knobs: { defaults, registries },
    logLevel: values.LOG_LEVEL,
  };
}
