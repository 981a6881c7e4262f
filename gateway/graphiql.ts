/**
 * GraphiQL at `GET /`, for analysts, offering the example operations as tabs, signing the analyst
 * in, and showing the plan of what they run.
 *
 * The page must load with no network access beyond the gateway (nothing here reaches a CDN):
 * @graphql-yoga/render-graphiql's bundle inlines GraphiQL's JavaScript, CSS, fonts and editor
 * workers into one HTML document of about 9 MB, with the page's own modules (graphiql/). It is
 * rendered and gzipped once at start, in a child process (graphiql-renderer.mjs) so the
 * renderer's memory never stays in the gateway, and served with an ETag, so a browser
 * revalidates with a 304 instead of fetching it again. The rare client that does not accept gzip
 * gets it decompressed on the fly.
 *
 * Signing in is the authorization code flow with PKCE, in the browser, against the configured
 * issuer (GRAPHIQL_OIDC_ISSUER, else OIDC_ISSUER) for the public client GRAPHIQL_CLIENT_ID
 * (graphiql/sign-in.mjs). The Content-Security-Policy holds the page to what it loads from
 * itself (inline code, data: and blob: resources, requests to the gateway) and to requests to the
 * issuer's origin (discovery and the token endpoint); the page itself needs no token.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Kind, parse, valueFromASTUntyped, type OperationDefinitionNode } from 'graphql';
import { ConfigError } from '../platform/config.js';
import type { RouteHandler } from '../platform/http-server.js';
import type { RightsPolicy } from './authentication/rights-file.js';

export interface ExampleOperation {
  name: string;
  /** The file's text, comments included, as the tab shows it. */
  document: string;
  /** The variables' default values, for the tab's variables editor. */
  variables: Record<string, unknown>;
}

/**
 * Reads every `*.graphql` file in `dir`, in file-name order. Each must hold one named operation
 * that runs as its tab opens: every variable has a default value or is nullable (an optional
 * argument such as a first page's `after`). A file that does not stops the start, naming it.
 */
export function readExampleOperations(dir: string): ExampleOperation[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .sort();
  } catch (error) {
    throw new ConfigError([`OPERATIONS_DIR: cannot read ${dir} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`]);
  }
  return files.map((file) => {
    const document = readFileSync(path.join(dir, file), 'utf8');
    const problem = (reason: string) => new ConfigError([`OPERATIONS_DIR: ${path.join(dir, file)}: ${reason}`]);
    // The documents are embedded in the page's inline script.
    if (/<\/script|<!--/i.test(document)) throw problem('must not contain "</script" or "<!--"');
    let operations: OperationDefinitionNode[];
    try {
      operations = parse(document).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    } catch (error) {
      throw problem((error as Error).message);
    }
    const [operation] = operations;
    if (operations.length !== 1 || !operation?.name) throw problem('must hold exactly one named operation');
    const variables: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (definition.defaultValue) {
        variables[name] = valueFromASTUntyped(definition.defaultValue);
      } else if (definition.type.kind === Kind.NON_NULL_TYPE) {
        throw problem(`required variable $${name} has no default value`);
      }
    }
    return { name: operation.name.value, document, variables };
  });
}

/**
 * What the page may load and ask: itself, and the issuer's origin for the sign-in's discovery and
 * token requests (the sign-in pages themselves are navigations, which the policy does not govern).
 */
export function contentSecurityPolicy(issuer: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ${new URL(issuer).origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The tab GraphiQL opens on a first visit: one application as a case worker reads it. */
export const OPENING_TAB = 'CaseView';

/**
 * Headers an example tab needs besides its variables. Registry data about a person is read only
 * within a case: a population record asked for by identity code names its case (a showcase one of
 * the default data set) in x-case-id, which the gateway sends on as X-Road-Issue.
 */
export const EXAMPLE_TAB_HEADERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  PopulationRecord: { 'x-case-id': 'APP-0000001' },
};

/** A GraphiQL tab as the page gives it to GraphiQL: the editors' texts. */
export interface GraphiQLTab {
  query: string;
  variables: string;
  headers: string;
}

/** The example operations as GraphiQL tabs: OPENING_TAB first, the others in file-name order. */
export function exampleTabs(operations: readonly ExampleOperation[]): GraphiQLTab[] {
  const ordered = [
    ...operations.filter((operation) => operation.name === OPENING_TAB),
    ...operations.filter((operation) => operation.name !== OPENING_TAB),
  ];
  return ordered.map((operation) => {
    const headers = EXAMPLE_TAB_HEADERS[operation.name];
    return {
      query: operation.document,
      variables: JSON.stringify(operation.variables, null, 2),
      headers: headers ? JSON.stringify(headers, null, 2) : '',
    };
  });
}

/** What the page's script starts with (graphiql/page.mjs, startGraphiQL). */
export interface GraphiQLPageConfig {
  title: string;
  endpoint: string;
  /** GraphiQL opens these tabs when the browser has no tabs of its own stored yet; the first first. */
  defaultTabs: GraphiQLTab[];
  signIn: { issuer: string; clientId: string; resource: string };
  /** The rights file's roles, so the page knows what the signed-in roles may do (the gateway decides). */
  rights: { claims: { roles: string; unit: string }; roles: Record<string, { description: string; rights: string[] }> };
}

export interface GraphiQLOptions {
  /** The GraphQL endpoint's path, e.g. /graphql. */
  endpoint: string;
  /** The issuer as a browser reaches it, and GraphiQL's client id. */
  signIn: { issuer: string; clientId: string };
  /** The resource indicator the access tokens are for (the gateway's audience). */
  audience: string;
  rights: RightsPolicy;
}

export function pageConfig(operations: readonly ExampleOperation[], options: GraphiQLOptions): GraphiQLPageConfig {
  return {
    title: 'casegraph',
    endpoint: options.endpoint,
    defaultTabs: exampleTabs(operations),
    signIn: { issuer: options.signIn.issuer, clientId: options.signIn.clientId, resource: options.audience },
    rights: {
      claims: { roles: options.rights.claims.roles, unit: options.rights.claims.unit },
      roles: Object.fromEntries(
        [...options.rights.roles].map(([role, { description, rights }]) => [role, { description, rights: [...rights] }]),
      ),
    },
  };
}

/** Whether an Accept-Encoding header admits gzip (`gzip` or `*`, with a non-zero q). */
function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (!acceptEncoding) return false;
  return acceptEncoding.split(',').some((entry) => {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((param) => param.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

const RENDERER = fileURLToPath(new URL('./graphiql-renderer.mjs', import.meta.url));

/** Runs the renderer in a child process; resolves with the gzipped page. */
function renderGzippedPage(options: Record<string, unknown>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [RENDERER], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(new Error(`rendering GraphiQL failed: ${error.message}`)) : resolve(stdout),
    );
    child.stdin!.end(JSON.stringify(options));
  });
}

/** Renders the page for `operations` and returns the route that serves it. */
export async function graphiqlRoute(operations: ExampleOperation[], options: GraphiQLOptions): Promise<RouteHandler> {
  const config = pageConfig(operations, options);
  const gzipped = await renderGzippedPage({ title: config.title, config });
  const policy = contentSecurityPolicy(options.signIn.issuer);
  const digest = createHash('sha256').update(gzipped).digest('base64url').slice(0, 32);
  // Each encoding is its own representation, so each has its own strong ETag.
  const identity = { body: () => gunzipSync(gzipped), etag: `"${digest}"`, headers: {} };
  const compressed = { body: () => gzipped, etag: `"${digest}-gzip"`, headers: { 'content-encoding': 'gzip' } };

  return (req: IncomingMessage, res: ServerResponse) => {
    const variant = acceptsGzip(req.headers['accept-encoding']) ? compressed : identity;
    const common = {
      etag: variant.etag,
      // Revalidate on every load: after a restart with new operations the page changes.
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    if (matchesEtag(req.headers['if-none-match'], variant.etag)) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    const body = variant.body();
    res.writeHead(200, {
      ...common,
      ...variant.headers,
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
}
