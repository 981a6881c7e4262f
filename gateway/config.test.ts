import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAssertionKeys } from '../platform/gateway-assertion.js';
import { SUBGRAPHS } from '../subgraphs/index.js';
import { ConfigError } from '../platform/config.js';
import { loadGatewayConfig, subgraphUrlVariable } from './config.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-gateway-config-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** What every gateway needs besides its defaults: the key its assertions to subgraphs are signed with. */
let required: Record<string, string>;
beforeAll(async () => {
  const { signingKey } = await generateAssertionKeys();
  required = { GATEWAY_ASSERTION_SIGNING_KEY: JSON.stringify(signingKey) };
});

function problemsOf(env: Record<string, string>, withRequired = true): string[] {
  try {
    loadGatewayConfig(withRequired ? { ...required, ...env } : env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayConfig', () => {
  it('defaults to the checked-in supergraph and operations, found from this module', () => {
    const config = loadGatewayConfig(required);
    expect(config).toMatchObject({ port: 4000, host: '127.0.0.1', logLevel: 'info', authorizationMode: 'filter' });
    expect(config.accessTokens).toMatchObject({ issuer: 'http://127.0.0.1:4300', audience: 'urn:casegraph', tokenType: 'at+jwt' });
    expect(config.supergraphPath).toBe(path.resolve(import.meta.dirname, '../schema/supergraph.graphql'));
    expect(config.operationsDir).toBe(path.resolve(import.meta.dirname, 'operations'));
    expect(existsSync(config.operationsDir)).toBe(true);
    expect(config.subgraphs.map((subgraph) => subgraph.name).sort()).toEqual(SUBGRAPHS.map((definition) => definition.name).sort());
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'applications')?.url).toBe('http://127.0.0.1:4001/graphql');
  });

  it('overrides a subgraph URL with SUBGRAPH_<NAME>_URL', () => {
    expect(subgraphUrlVariable('trade-register')).toBe('SUBGRAPH_TRADE_REGISTER_URL');
    const config = loadGatewayConfig({ ...required, SUBGRAPH_TRADE_REGISTER_URL: 'http://10.0.0.5:8080/graphql' });
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'trade-register')?.url).toBe('http://10.0.0.5:8080/graphql');
    expect(config.subgraphs.find((subgraph) => subgraph.name === 'tax')?.url).toBe('http://127.0.0.1:4006/graphql');
  });

  it('refuses to start in production without an issuer: nothing falls back to anonymous', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^OIDC_ISSUER: required in production/)]);
    const production = loadGatewayConfig({
      ...required,
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://login.example.fi',
      // Production keeps its audit trail in PostgreSQL, under a key of its own.
      AUDIT_DATABASE_URL: 'postgres://casegraph_audit_writer@127.0.0.1:5432/audit',
      AUDIT_SUBJECT_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    expect(production.accessTokens.issuer).toBe('https://login.example.fi');
    expect(production.trustedDocuments.mode).toBe('enforce');
  });

  it('runs only trusted documents in production by default, and logs the others elsewhere', () => {
    expect(loadGatewayConfig(required).trustedDocuments.mode).toBe('log');
    expect(loadGatewayConfig({ ...required, TRUSTED_DOCUMENTS: 'off' }).trustedDocuments.mode).toBe('off');
    expect(problemsOf({ TRUSTED_DOCUMENTS: 'strict' })).toEqual([
      expect.stringMatching(/^TRUSTED_DOCUMENTS: expected off, log or enforce/),
    ]);
    const files = loadGatewayConfig({ ...required, TRUSTED_DOCUMENTS_FILES: 'a.json, b.json' }).trustedDocuments.manifests;
    expect(files.map((file) => path.basename(file))).toEqual(['trusted-documents.json', 'a.json', 'b.json']);
  });

  it('refuses algorithms that are not asymmetric, and keys it cannot use', () => {
    expect(problemsOf({ OIDC_ALGORITHMS: 'RS256,none' })).toEqual([expect.stringMatching(/^OIDC_ALGORITHMS: none not allowed/)]);
    expect(problemsOf({ OIDC_ALGORITHMS: 'HS256' })).toEqual([expect.stringMatching(/^OIDC_ALGORITHMS: HS256 not allowed/)]);
    expect(problemsOf({ OIDC_JWKS_URL: 'http://127.0.0.1:1/jwks', OIDC_JWKS_FILE: '/tmp/jwks.json' })).toEqual([
      'OIDC_JWKS_URL and OIDC_JWKS_FILE: set one, not both',
    ]);
    expect(problemsOf({}, false)).toEqual([expect.stringMatching(/^GATEWAY_ASSERTION_SIGNING_KEY: required/)]);
    expect(problemsOf({ GATEWAY_ASSERTION_SIGNING_KEY: '{"kty":"OKP","crv":"Ed25519","x":"abc"}' })).toEqual([
      expect.stringMatching(/^GATEWAY_ASSERTION_SIGNING_KEY: expected a private JWK/),
    ]);
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

  it('reads the HTTP timeouts for slow clients, and names the variable that is wrong', () => {
    expect(loadGatewayConfig(required).httpTimeouts).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 60_000,
    });
    expect(
      loadGatewayConfig({ ...required, HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '5000', KEEP_ALIVE_TIMEOUT_MS: '7000' })
        .httpTimeouts,
    ).toEqual({
      headersTimeoutMs: 2_000,
      requestTimeoutMs: 5_000,
      keepAliveTimeoutMs: 7_000,
    });
    expect(problemsOf({ HEADERS_TIMEOUT_MS: '0' })[0]).toMatch(/^HEADERS_TIMEOUT_MS: /);
    expect(problemsOf({ REQUEST_TIMEOUT_MS: 'soon' })[0]).toMatch(/^REQUEST_TIMEOUT_MS: /);
    expect(problemsOf({ KEEP_ALIVE_TIMEOUT_MS: '-1' })[0]).toMatch(/^KEEP_ALIVE_TIMEOUT_MS: /);
    expect(problemsOf({ HEADERS_TIMEOUT_MS: '40000' })).toEqual([
      expect.stringMatching(/^HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS/),
    ]);
  });

  it('reads the registry budgets, and refuses ones under which a request could never run or fresh reads are not the stricter', () => {
    expect(loadGatewayConfig(required).registryBudget).toEqual({
      standard: { perRequest: 2500, ratePerSecond: 50, burst: 5000 },
      fresh: { perRequest: 250, ratePerSecond: 5, burst: 500 },
      bulk: { perRequest: 2500, ratePerSecond: 200, burst: 10000 },
    });
    expect(problemsOf({ REGISTRY_CALL_BUDGET: 'lots' })).toEqual([expect.stringMatching(/^REGISTRY_CALL_BUDGET: /)]);
    expect(problemsOf({ REGISTRY_RATE_PER_SECOND: '0' })).toEqual([expect.stringMatching(/^REGISTRY_RATE_PER_SECOND: /)]);
    expect(problemsOf({ REGISTRY_BULK_RATE_BURST: '100' })).toEqual([
      expect.stringMatching(/^REGISTRY_BULK_RATE_BURST: 100 is below REGISTRY_CALL_BUDGET_BULK/),
    ]);
    expect(problemsOf({ REGISTRY_CALL_BUDGET_FRESH: '3000', REGISTRY_FRESH_RATE_BURST: '3000' })).toEqual([
      expect.stringMatching(/^REGISTRY_CALL_BUDGET_FRESH: 3000 is above REGISTRY_CALL_BUDGET/),
    ]);
  });
});
