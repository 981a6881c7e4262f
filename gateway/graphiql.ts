/**
 * GraphiQL at `GET /`, for analysts, offering the example operations as tabs.
 *
 * The page must load with no network access beyond the gateway (nothing here reaches a CDN):
 * @graphql-yoga/render-graphiql inlines GraphiQL's JavaScript, CSS, fonts and editor workers
 * into one HTML document of about 9 MB. It is rendered and gzipped once at start, in a child
 * process (graphiql-renderer.mjs) so the renderer's memory never stays in the gateway, and
 * served with an ETag, so a browser revalidates with a 304 instead of fetching it again. The
 * rare client that does not accept gzip gets it decompressed on the fly. The
 * Content-Security-Policy holds the page to what it loads from itself: inline code, data: and
 * blob: resources, and requests to the gateway.
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

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

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
export async function graphiqlRoute(operations: ExampleOperation[], endpoint: string): Promise<RouteHandler> {
  const gzipped = await renderGzippedPage({
    title: 'casegraph',
    endpoint,
    // GraphiQL opens these tabs when the browser has no tabs of its own stored yet.
    defaultTabs: operations.map((operation) => ({
      query: operation.document,
      variables: JSON.stringify(operation.variables, null, 2),
    })),
  });
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
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(body);
  };
}
