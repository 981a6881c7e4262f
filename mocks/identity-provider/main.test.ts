/**
 * The demo identity provider as a process, the way `npm start` and the test harnesses run it:
 * it logs one "listening" line with its url, issues tokens, contacts nothing beyond loopback
 * (scripts/network-guard.mjs records every attempt), drains and exits 0 on SIGTERM, and stops
 * with status 2 naming the variable when its configuration is bad.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE } from '../../contracts/identity.js';
import { attemptsBeyond, NETWORK_GUARD_PRELOAD, readNetworkAttempts } from '../../scripts/network-guard-log.js';
import { startServiceProcess, type ServiceProcess } from '../../test/service-process.js';
import { demoAccessToken } from './demo-login.js';

let workDir: string;
let logFile: string;
let idp: ServiceProcess;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'casegraph-idp-'));
  logFile = path.join(workDir, 'attempts.jsonl');
  idp = await startServiceProcess({
    name: 'identity-provider',
    entry: 'mocks/identity-provider/main.ts',
    preload: [NETWORK_GUARD_PRELOAD],
    env: { IDP_PORT: '0', IDP_BULK_CHECKER_SECRET: 'process-test-secret', NETWORK_GUARD_LOG: logFile, APOLLO_TELEMETRY_DISABLED: '0' },
  });
});

afterAll(async () => {
  await idp?.stop('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

describe('the identity provider process', () => {
  it('logs where it listens, with its issuer and signing kid, and nothing personal', () => {
    const listening = idp.output
      .map((line) => (line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : null))
      .find((entry) => entry?.url);
    expect(listening).toMatchObject({ level: 30, service: 'identity-provider', url: idp.url, issuer: idp.url, kid: expect.any(String) });
    expect(String(listening?.msg)).toContain('listening');
  });

  it('issues tokens for users and the configured service account secret, contacting nothing beyond loopback', async () => {
    const keys = createRemoteJWKSet(new URL(`${idp.url}/jwks`));
    const user = await demoAccessToken(idp.url, 'matti.korhonen');
    await expect(jwtVerify(user, keys, { issuer: idp.url, audience: DEFAULT_AUDIENCE })).resolves.toMatchObject({
      payload: { sub: 'matti.korhonen' },
    });
    const service = await demoAccessToken(idp.url, 'bulk-checker', { clientSecret: 'process-test-secret' });
    await expect(jwtVerify(service, keys, { issuer: idp.url, audience: DEFAULT_AUDIENCE })).resolves.toMatchObject({
      payload: { sub: 'bulk-checker' },
    });
    await expect(demoAccessToken(idp.url, 'bulk-checker')).rejects.toThrow(/invalid_client/);

    // The sign-in was logged by user id; no token, name or secret reached the log.
    const log = idp.output.join('\n');
    expect(log).toContain('"userId":"matti.korhonen"');
    for (const secret of [user, service, 'Matti Korhonen', 'process-test-secret']) expect(log).not.toContain(secret);

    expect(attemptsBeyond(readNetworkAttempts(logFile))).toEqual([]);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    expect(await idp.stop('SIGTERM')).toBe(0);
    expect(idp.output.join('\n')).toContain('stopping demo identity provider');
    expect(attemptsBeyond(readNetworkAttempts(logFile))).toEqual([]);
  });

  it('stops with status 2 naming a bad variable', async () => {
    const start = startServiceProcess({
      name: 'identity-provider',
      entry: 'mocks/identity-provider/main.ts',
      env: { IDP_PORT: '0', IDP_GRAPHIQL_REDIRECT_URIS: 'http://casegraph.example/' },
    });
    await expect(start).rejects.toThrow(
      /exited with code 2[\s\S]*IDP_GRAPHIQL_REDIRECT_URIS: http:\/\/casegraph.example\/ uses http on a host that is not loopback/,
    );
  });
});
