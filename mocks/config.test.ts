import { describe, expect, it } from 'vitest';
import { ConfigError } from '../platform/config.js';
import { readMockConfig } from './config.js';
import { DEFAULT_GENERATOR_OPTIONS } from './dataset/generator-options.js';
import { DEFAULT_KNOBS, KnobStore, sampleLatencyMs } from './knobs.js';

describe('mock configuration', () => {
  it('defaults to port 4100 on 127.0.0.1, instance FI, a generated default data set and 20+10 ms latency', () => {
    const config = readMockConfig({});
    expect(config).toMatchObject({
      port: 4100,
      host: '127.0.0.1',
      instance: 'FI',
      datasetFile: undefined,
      generator: DEFAULT_GENERATOR_OPTIONS,
      logLevel: 'info',
    });
    const knobs = new KnobStore(config.knobs);
    expect(knobs.get('population')).toEqual(DEFAULT_KNOBS);
    expect(DEFAULT_KNOBS).toMatchObject({ latencyMs: 20, jitterMs: 10 });
  });

  it('reads global knobs, per-registry knobs that win over them, and outages', () => {
    const config = readMockConfig({
      MOCK_LATENCY_MS: '80',
      MOCK_ERROR_RATE: '0.1',
      MOCK_TIMEOUT_MS: '2500',
      MOCK_TRADE_REGISTER_LATENCY_MS: '300',
      MOCK_TRADE_REGISTER_TIMEOUT_RATE: '0.5',
      MOCK_SIS_DOWN: 'true',
      MOCK_CASE_REGISTER_JITTER_MS: '',
      MOCK_SEED: '42',
      MOCK_APPLICATIONS: '250000',
      MOCK_REFERENCE_DATE: '2027-01-31',
      MOCK_DATASET_FILE: '/tmp/data.json',
    });
    const knobs = new KnobStore(config.knobs);
    expect(knobs.get('population')).toMatchObject({ latencyMs: 80, errorRate: 0.1, timeoutMs: 2500, timeoutRate: 0, down: false });
    expect(knobs.get('tradeRegister')).toMatchObject({ latencyMs: 300, errorRate: 0.1, timeoutRate: 0.5 });
    expect(knobs.get('sis').down).toBe(true);
    expect(knobs.get('caseRegister').jitterMs).toBe(DEFAULT_KNOBS.jitterMs);
    expect(config.generator).toEqual({ ...DEFAULT_GENERATOR_OPTIONS, seed: 42, applications: 250_000, referenceDate: '2027-01-31' });
    expect(config.datasetFile).toBe('/tmp/data.json');
  });

  it('names every bad variable', () => {
    try {
      readMockConfig({ MOCK_ERROR_RATE: '2', MOCK_POLICE_DOWN: 'maybe', MOCK_REFERENCE_DATE: '2026-02-30', MOCK_PORT: 'x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(names.sort()).toEqual(['MOCK_ERROR_RATE', 'MOCK_POLICE_DOWN', 'MOCK_PORT', 'MOCK_REFERENCE_DATE']);
    }
  });
});

describe('latency', () => {
  it('waits the base latency plus up to the jitter, plus the tail when it strikes', () => {
    const knobs = { ...DEFAULT_KNOBS, latencyMs: 100, jitterMs: 50, tailRate: 0.5, tailMs: 1000 };
    expect(sampleLatencyMs(knobs, () => 0)).toBe(1100);
    expect(sampleLatencyMs(knobs, () => 0.999)).toBe(150);
    for (let i = 0; i < 1000; i++) {
      const ms = sampleLatencyMs(knobs);
      expect(ms >= 100 && ms <= 1150 && (ms <= 150 || ms >= 1100)).toBe(true);
    }
    expect(sampleLatencyMs({ ...knobs, tailRate: 0, jitterMs: 0 })).toBe(100);
  });
});
