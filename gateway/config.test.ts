import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { ConfigError } from '../platform/config.js';
import { loadGatewayConfig, subgraphUrlVariable } from './config.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-gateway-config-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadGatewayConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayConfig', () => {
  it('defaults to the checked-in supergraph and operations, found from this module', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', introspection: true, logLevel: 'info' });
    expect(config.supergraphPath).toBe(path.resolve(import.meta.dirname, '../schema/supergraph.graphql'));
    expect(config.operationsDir).toBe(path.resolve(import.meta.dirname, 'operations'));
    expect(existsSync(config.operationsDir)).toBe(true);
    expect(config.subgraphs.map((subgraph) => subgraph.name).sort()).toEqual(SUBGRAPHS.map((definition) => definition.name).sort());
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'applications')?.url).toBe('http://127.0.0.1:4001/graphql');
  });

  it('overrides a subgraph URL with SUBGRAPH_<NAME>_URL', () => {
    expect(subgraphUrlVariable('trade-register')).toBe('SUBGRAPH_TRADE_REGISTER_URL');
    const config = loadGatewayConfig({ SUBGRAPH_TRADE_REGISTER_URL: 'http://10.0.0.5:8080/graphql' });
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'trade-register')?.url).toBe('http://10.0.0.5:8080/graphql');
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'tax')?.url).toBe('http://127.0.0.1:4006/graphql');
  });

  it('names the variable when a value is invalid', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: .*"eighty"/)]);
    expect(problemsOf({ SUBGRAPH_TAX_URL: 'not a url' })).toEqual([expect.stringMatching(/^SUBGRAPH_TAX_URL: /)]);
    expect(problemsOf({ QUERY_MAX_DEPTH: '0' })).toEqual([expect.stringMatching(/^QUERY_MAX_DEPTH: /)]);
    expect(problemsOf({ SUBGRAPH_TIMEOUT_MS: '0' })).toEqual([expect.stringMatching(/^SUBGRAPH_TIMEOUT_MS: /)]);
  });

  it('refuses an override for a subgraph the supergraph does not have', () => {
    expect(problemsOf({ SUBGRAPH_TRADEREGISTER_URL: 'http://127.0.0.1:1/graphql' })).toEqual([
      expect.stringMatching(/^SUBGRAPH_TRADEREGISTER_URL: no such subgraph/),
    ]);
  });

  it('refuses a supergraph that is missing or is not one', () => {
    expect(problemsOf({ SUPERGRAPH_PATH: path.join(tempDir, 'missing.graphql') })).toEqual([
      expect.stringMatching(/^SUPERGRAPH_PATH: cannot read .*ENOENT/),
    ]);
    const plainSchema = path.join(tempDir, 'plain.graphql');
    writeFileSync(plainSchema, 'type Query { hello: String }');
    expect(problemsOf({ SUPERGRAPH_PATH: plainSchema })).toEqual([expect.stringMatching(/^SUPERGRAPH_PATH: .*no subgraphs/)]);
  });
});
