/**
 * Trusted documents at the gateway's door: a request names a document by id (`documentId:
 * "sha256:..."`, or Apollo's `extensions.persistedQuery.sha256Hash`) and runs the stored text, or
 * sends a text, which is trusted when it is one of the manifest's documents (however it is spaced
 * or commented). Anything else runs only for callers holding `documents:any` (analysts in
 * GraphiQL, integrators) when the mode is `enforce`; `log` lets it run and logs its hash once;
 * `off` checks nothing. An unknown id never runs: there is no text to run.
 *
 * This happens before Apollo Server sees the request, on the parsed body (POST) or the query
 * string (GET), so that what Apollo plans and the audit trail records is the stored document.
 */
import path from 'node:path';
import { parse } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { canonicalHashOf, sha256Hex, type Manifest, type TrustedDocument } from './manifest.js';
import { fieldCoordinatesOf } from './manifest.js';
import { validate } from 'graphql';

export type TrustedDocumentsMode = 'off' | 'log' | 'enforce';

export type DocumentResolution =
  { ok: true; body: unknown; search: string; trusted: boolean } | { ok: false; status: 400; code: ErrorCode; message: string };

const DOCUMENT_ID = /^sha256:([0-9a-f]{64})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

type RequestFields = { documentId?: unknown; query?: unknown; extensions?: unknown };

export class TrustedDocuments {
  private readonly byId = new Map<string, TrustedDocument>();
  /**
   * The same documents by their exact text: a frontend that sends the text of a shipped operation
   * is recognised by a map lookup, with no hash of the text computed per request.
   */
  private readonly byText = new Set<string>();
  private readonly canonicalHashes = new Set<string>();
  /** Untrusted documents already logged (log mode), by hash: one line per document, not per request. */
  private readonly logged = new LRUCache<string, true>({ max: 10_000 });
  /** Whether a text (by its exact hash) is a respaced trusted document: parsing it is done once, not per request. */
  private readonly textVerdicts = new LRUCache<string, boolean>({ max: 10_000 });
  /** How many requests ran an untrusted document (log mode) or were refused one (enforce). */
  readonly counts = { trusted: 0, untrustedRun: 0, refused: 0, unknownId: 0 };

  constructor(
    manifests: readonly { file: string; manifest: Manifest }[],
    schema: GraphQLSchema,
    readonly mode: TrustedDocumentsMode,
    private readonly logger: Logger,
  ) {
    const stale: string[] = [];
    for (const { file, manifest } of manifests) {
      for (const entry of manifest.operations) {
        // A document this schema cannot run (the schema moved on, or a frontend registered it for
        // another graph) would only fail for a frontend's user: it is left out, and said so at start.
        let valid: boolean;
        try {
          const document = parse(entry.body);
          valid = validate(schema, document).length === 0 && fieldCoordinatesOf(schema, document).length > 0;
          if (valid) this.canonicalHashes.add(canonicalHashOf(document));
        } catch {
          valid = false;
        }
        if (valid) {
          this.byId.set(entry.id, entry);
          this.byText.add(entry.body);
        } else stale.push(`${path.basename(file)}: ${entry.name}`);
      }
    }
    if (stale.length > 0) {
      this.logger.warn({ documents: stale }, 'trusted documents this schema cannot run are left out');
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * The request as Apollo Server should see it: with a named document's text in place of its id,
   * and whether what it runs is trusted; or why it may not run.
   */
  resolve(method: string, body: unknown, search: string, rights: ReadonlySet<string>): DocumentResolution {
    if (method === 'GET') return this.resolveGet(search, rights);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: true, body, search, trusted: false };
    const fields = body as RequestFields;
    const named = this.namedDocument(fields.documentId, fields.extensions);
    if (named && !named.ok) return named;
    if (named?.ok) {
      const conflict = this.conflictWith(named.document, fields.query);
      if (conflict) return conflict;
      const { documentId: _documentId, extensions: _extensions, ...rest } = fields as Record<string, unknown>;
      const extensions = withoutPersistedQuery(fields.extensions);
      // Apollo Server refuses an `extensions` key that is there but not an object, undefined included.
      const resolved = { ...rest, query: named.document.body, ...(extensions ? { extensions } : {}) };
      return { ok: true, body: resolved, search, trusted: true };
    }
    return this.checkText(fields.query, rights, { body, search });
  }

  private resolveGet(search: string, rights: ReadonlySet<string>): DocumentResolution {
    const params = new URLSearchParams(search);
    let extensions: unknown;
    const extensionsText = params.get('extensions');
    if (extensionsText !== null) {
      try {
        extensions = JSON.parse(extensionsText);
      } catch {
        // Apollo Server answers malformed extensions itself.
        return { ok: true, body: undefined, search, trusted: false };
      }
    }
    const named = this.namedDocument(params.get('documentId') ?? undefined, extensions);
    if (named && !named.ok) return named;
    if (named?.ok) {
      const conflict = this.conflictWith(named.document, params.get('query') ?? undefined);
      if (conflict) return conflict;
      params.delete('documentId');
      params.set('query', named.document.body);
      const remaining = withoutPersistedQuery(extensions);
      if (remaining === undefined) params.delete('extensions');
      else params.set('extensions', JSON.stringify(remaining));
      return { ok: true, body: undefined, search: `?${params.toString()}`, trusted: true };
    }
    return this.checkText(params.get('query') ?? undefined, rights, { body: undefined, search });
  }

  /** The document a request names by id; undefined when it names none. */
  private namedDocument(
    documentId: unknown,
    extensions: unknown,
  ): { ok: true; document: TrustedDocument } | Extract<DocumentResolution, { ok: false }> | undefined {
    const persistedQuery = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
    if (documentId === undefined && persistedQuery === undefined) return undefined;
    let hash: string | undefined;
    if (documentId !== undefined) {
      const match = typeof documentId === 'string' ? DOCUMENT_ID.exec(documentId) : null;
      if (!match) return refusal(ErrorCode.BAD_REQUEST, 'documentId must be "sha256:" followed by 64 lower-case hex digits.');
      hash = match[1];
    }
    if (persistedQuery !== undefined) {
      const sha256Hash = persistedQuery?.sha256Hash;
      if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
        return refusal(ErrorCode.BAD_REQUEST, 'extensions.persistedQuery.sha256Hash must be 64 lower-case hex digits.');
      }
      if (hash !== undefined && hash !== sha256Hash)
        return refusal(ErrorCode.BAD_REQUEST, 'documentId and persistedQuery name different documents.');
      hash = sha256Hash;
    }
    const document = this.byId.get(hash!);
    if (!document) {
      this.counts.unknownId += 1;
      return refusal(ErrorCode.PERSISTED_DOCUMENT_NOT_FOUND, 'No trusted document has this id.');
    }
    this.counts.trusted += 1;
    return { ok: true, document };
  }

  /** A request that sends both an id and a text must mean one document. */
  private conflictWith(document: TrustedDocument, query: unknown): Extract<DocumentResolution, { ok: false }> | undefined {
    if (query === undefined || query === null || query === document.body) return undefined;
    if (typeof query === 'string' && this.canonicalHashOf(query) === canonicalHashOf(parse(document.body))) return undefined;
    return refusal(ErrorCode.BAD_REQUEST, 'The query text is not the document its id names.');
  }

  private checkText(query: unknown, rights: ReadonlySet<string>, passThrough: { body: unknown; search: string }): DocumentResolution {
    if (this.mode === 'off' || typeof query !== 'string') return { ok: true, ...passThrough, trusted: false };
    if (this.byText.has(query)) {
      this.counts.trusted += 1;
      return { ok: true, ...passThrough, trusted: true };
    }
    const exact = sha256Hex(query);
    let trusted = this.byId.has(exact) || this.textVerdicts.get(exact);
    if (trusted === undefined) {
      trusted = this.canonicalHashes.has(this.canonicalHashOf(query) ?? '');
      this.textVerdicts.set(exact, trusted);
    }
    if (trusted) {
      this.counts.trusted += 1;
      return { ok: true, ...passThrough, trusted: true };
    }
    if (this.mode === 'enforce' && !rights.has('documents:any')) {
      this.counts.refused += 1;
      return refusal(
        ErrorCode.PERSISTED_DOCUMENT_REQUIRED,
        'Only trusted documents run here: send the documentId of one (the shipped operations, or those your frontend registered).',
      );
    }
    this.counts.untrustedRun += 1;
    if (this.mode === 'log' && !rights.has('documents:any') && !this.logged.has(exact)) {
      this.logged.set(exact, true);
      // The hash only: the text is the caller's to choose, and may hold anything.
      this.logger.warn({ documentHash: exact.slice(0, 16) }, 'a document outside the trusted documents ran (TRUSTED_DOCUMENTS=log)');
    }
    return { ok: true, ...passThrough, trusted: false };
  }

  /** The canonical hash of a text, or null when it does not parse (Apollo Server will say why). */
  private canonicalHashOf(query: string): string | null {
    try {
      // Bounded: this runs before the gateway's own limits do.
      return canonicalHashOf(parse(query, { maxTokens: 10_000 }));
    } catch {
      return null;
    }
  }
}

function refusal(code: ErrorCode, message: string): Extract<DocumentResolution, { ok: false }> {
  return { ok: false, status: 400, code, message };
}

/** The extensions without Apollo's persistedQuery (which Apollo Server would otherwise try to serve), or undefined when nothing is left. */
function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (!extensions || typeof extensions !== 'object' || Array.isArray(extensions)) return undefined;
  const { persistedQuery: _persistedQuery, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
