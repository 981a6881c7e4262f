/**
 * The demo identity provider's configuration, read once from the environment (mocks/README.md,
 * "The identity provider", lists every variable). A bad value stops the process naming it.
 */
import { z } from 'zod';
import { env, readConfig, type EnvSource } from '../../platform/config.js';
import { DEFAULT_GRAPHIQL_REDIRECT_URIS, demoServiceAccountSecret, graphiqlRedirectUriProblem } from './clients.js';

export const DEFAULT_IDP_PORT = 4300;

/** The service account whose secret IDP_BULK_CHECKER_SECRET sets. */
export const BULK_CHECKER_ID = 'bulk-checker';

/** A comma-separated list of redirect URIs a native client may register. */
const redirectUriList = () =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((uri) => uri.trim())
        .filter(Boolean),
    )
    .superRefine((uris, context) => {
      if (uris.length === 0) context.addIssue({ code: 'custom', message: 'expected at least one URL' });
      for (const uri of uris) {
        const problem = graphiqlRedirectUriProblem(uri);
        if (problem) context.addIssue({ code: 'custom', message: `${uri} ${problem}` });
      }
    });

/** The provider serves at the root of its origin, so its issuer is an origin and nothing more. */
function isBareOrigin(value: string): boolean {
  const url = URL.parse(value);
  return url !== null && url.href === `${url.origin}/`;
}

const shape = {
  IDP_PORT: env.port(DEFAULT_IDP_PORT),
  IDP_HOST: env.string('127.0.0.1'),
  IDP_ISSUER: z
    .url({ protocol: /^https?$/ })
    .refine(isBareOrigin, 'expected an origin such as http://idp.local:4300 (no path, query or fragment)')
    .optional(),
  IDP_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  IDP_GRAPHIQL_REDIRECT_URIS: redirectUriList().default([...DEFAULT_GRAPHIQL_REDIRECT_URIS]),
  IDP_BULK_CHECKER_SECRET: env.string(demoServiceAccountSecret(BULK_CHECKER_ID)),
  LOG_LEVEL: env.logLevel(),
};

export interface IdentityProviderConfig {
  port: number;
  host: string;
  /** Undefined: the URL it listens on. */
  issuer: string | undefined;
  accessTokenTtlSeconds: number;
  graphiqlRedirectUris: string[];
  bulkCheckerSecret: string;
  logLevel: z.infer<ReturnType<typeof env.logLevel>>;
}

export function readIdentityProviderConfig(source: EnvSource = process.env): IdentityProviderConfig {
  const config = readConfig(shape, source);
  return {
    port: config.IDP_PORT,
    host: config.IDP_HOST,
    issuer: config.IDP_ISSUER === undefined ? undefined : new URL(config.IDP_ISSUER).origin,
    accessTokenTtlSeconds: config.IDP_ACCESS_TOKEN_TTL_SECONDS,
    graphiqlRedirectUris: config.IDP_GRAPHIQL_REDIRECT_URIS,
    bulkCheckerSecret: config.IDP_BULK_CHECKER_SECRET,
    logLevel: config.LOG_LEVEL,
  };
}
