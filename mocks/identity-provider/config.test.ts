/** The demo identity provider's environment: defaults, overrides, and refusals naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../platform/config.js';
import { readIdentityProviderConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readIdentityProviderConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('identity provider configuration', () => {
  it('defaults to 127.0.0.1:4300, issuer = where it listens, an hour, GraphiQL on :4000 and the demo secret', () => {
    expect(readIdentityProviderConfig({})).toEqual({
      port: 4300,
      host: '127.0.0.1',
      issuer: undefined,
      accessTokenTtlSeconds: 3600,
      graphiqlRedirectUris: ['http://127.0.0.1:4000/', 'http://localhost:4000/'],
      bulkCheckerSecret: 'bulk-checker-demo-secret',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      readIdentityProviderConfig({
        IDP_PORT: '0',
        IDP_HOST: '0.0.0.0',
        IDP_ISSUER: 'http://idp.casegraph.test:4300/',
        IDP_ACCESS_TOKEN_TTL_SECONDS: '300',
        IDP_GRAPHIQL_REDIRECT_URIS: ' http://127.0.0.1:4000/graphiql , https://casegraph.example/ ',
        IDP_BULK_CHECKER_SECRET: 'another-secret',
        LOG_LEVEL: 'debug',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      issuer: 'http://idp.casegraph.test:4300',
      accessTokenTtlSeconds: 300,
      graphiqlRedirectUris: ['http://127.0.0.1:4000/graphiql', 'https://casegraph.example/'],
      bulkCheckerSecret: 'another-secret',
      logLevel: 'debug',
    });
  });

  it('names every bad variable', () => {
    const problems = problemsOf({
      IDP_PORT: '70000',
      IDP_ISSUER: 'http://idp.test/with/path',
      IDP_ACCESS_TOKEN_TTL_SECONDS: '0',
      IDP_GRAPHIQL_REDIRECT_URIS: 'http://casegraph.example:4000/,https://127.0.0.1/,http://127.0.0.1:4000/#x',
      LOG_LEVEL: 'loud',
    });
    expect(problems.join('\n')).toMatch(/^IDP_PORT: /m);
    expect(problems.join('\n')).toMatch(/^IDP_ISSUER: expected an origin/m);
    expect(problems.join('\n')).toMatch(/^IDP_ACCESS_TOKEN_TTL_SECONDS: /m);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^IDP_GRAPHIQL_REDIRECT_URIS: http:\/\/casegraph.example:4000\/ uses http on a host that is not loopback/),
        expect.stringMatching(/^IDP_GRAPHIQL_REDIRECT_URIS: https:\/\/127.0.0.1\/ uses https on a loopback host/),
        expect.stringMatching(/^IDP_GRAPHIQL_REDIRECT_URIS: http:\/\/127.0.0.1:4000\/#x must not have a fragment/),
        expect.stringMatching(/^LOG_LEVEL: /),
      ]),
    );
    expect(problemsOf({ IDP_GRAPHIQL_REDIRECT_URIS: ' , ' })).toEqual([
      expect.stringMatching(/^IDP_GRAPHIQL_REDIRECT_URIS: expected at least one URL/),
    ]);
  });
});
