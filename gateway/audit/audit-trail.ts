/**
 * The gateway's side of the audit trail: one record per request that touched personal data, and
 * one per refused attempt, written before the answer leaves.
 *
 * What a request read comes from the subgraphs' reports (contracts/registry-activity.ts), which the
 * gateway collects per request, and which the response cache keeps with each entry so that a hit is
 * recorded like the original (source `response-cache`). Every registry read goes through the
 * subgraphs' registry cache, so the report is complete by construction: fresh reads, each cache
 * level, the prerequisite checks' own reads.
 *
 * Fail closed: the record is written (durably) in willSendResponse, before Apollo writes a byte of
 * the answer. When it cannot be, the answer is replaced by 503 AUDIT_UNAVAILABLE, so no personal
 * data leaves without its record (AUDIT_FAILURE_MODE=open, refused in production, serves it and
 * logs an error instead).
 */
import { currentTraceId } from '../../platform/trace-context.js';
import { createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { LRUCache } from 'lru-cache';
import {
  CHAIN_HEAD_LOG_KEY,
  sealCanonical,
  subjectPseudonym,
  type AuditChainHead,
  type AuditOutcome,
  type AuditRecordContent,
  type AuditRefusal,
  type AuditRegistryRead,
  type AuditSource,
} from '../../contracts/audit.js';
import type { AuditWriter } from '../../platform/audit/audit-writer.js';
import { ErrorCode } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Principal } from '../authentication/principal.js';
import type { GatewayContext, SubgraphRegistryActivity } from '../request-context.js';
import { purposeOf } from './purpose.js';

/** Codes that mean the caller was turned away, not that something failed. */
const REFUSAL_CODES = new Set<string>([ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE]);
/** Codes that mean personal data was asked for and could not be had. */
const FAILURE_CODES = new Set<string>([
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.REGISTRY_UNAVAILABLE,
  ErrorCode.REGISTRY_TIMEOUT,
  ErrorCode.REGISTRY_ACCESS_DENIED,
  ErrorCode.REGISTRY_ERROR,
  ErrorCode.REGISTRY_CIRCUIT_OPEN,
  ErrorCode.INTERNAL_SERVER_ERROR,
]);

export interface AuditTrailOptions {
  writer: AuditWriter;
  subjectKey: Buffer;
  failureMode: 'closed' | 'open';
  logger: Logger;
  /** How often the chain's head is logged as an anchor (when it moved); none when absent. */
  anchorIntervalMs?: number;
}

type WillSendResponse = GraphQLRequestContextWillSendResponse<GatewayContext>;

function extension(error: GraphQLFormattedError, name: string): string | null {
  const value = error.extensions?.[name];
  return typeof value === 'string' ? value : null;
}

export class GatewayAuditTrail {
  private readonly writer: AuditWriter;
  /** The pseudonym key (AUDIT_SUBJECT_KEY) as a key object, made once. */
  private readonly subjectKey: KeyObject;
  private readonly failureMode: 'closed' | 'open';
  private readonly logger: Logger;

  /** Logs anchors at info whatever LOG_LEVEL says (but silent): they are evidence, not chatter. */
  private readonly anchorLogger: Logger;
  private readonly anchorTimer: NodeJS.Timeout | null;
  private lastAnchor: AuditChainHead | null = null;

  constructor(options: AuditTrailOptions) {
    this.writer = options.writer;
    this.subjectKey = createSecretKey(options.subjectKey);
    this.failureMode = options.failureMode;
    this.logger = options.logger.child({ component: 'audit' });
    // LOG_LEVEL=silent still silences them: that operator keeps no log to anchor in.
    this.anchorLogger = options.logger.child({ component: 'audit' }, { level: options.logger.level === 'silent' ? 'silent' : 'info' });
    this.anchorTimer = options.anchorIntervalMs ? setInterval(() => this.anchor(), options.anchorIntervalMs).unref() : null;
    // A chain a failed batch ends is anchored at once: its head would otherwise wait for the next interval, and be lost.
    this.writer.onChainEnd((head) => this.anchor(head));
  }

  /**
   * Logs the chain's head when it moved since the last anchor (or `head`, a chain a failed batch
   * ended): `npm run audit -- verify --anchors <log>` then finds a trail whose newest records were
   * deleted, which the chain alone cannot show.
   */
  anchor(head: AuditChainHead | null = this.writer.head): void {
    if (!head || (head.chain === this.lastAnchor?.chain && head.sequence === this.lastAnchor.sequence)) return;
    this.lastAnchor = head;
    this.anchorLogger.info({ [CHAIN_HEAD_LOG_KEY]: head }, 'audit chain head');
  }

  /** The Apollo plugin; last in the list, so it sees every error the others added to the answer. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => ({
        willSendResponse: async (requestContext) => {
          const content = this.recordOf(requestContext);
          if (!content) return;
          try {
            await this.writer.write(content);
          } catch (error) {
            this.logger.error(
              { requestId: content.requestId, err: error, outcome: content.outcome },
              this.failureMode === 'closed'
                ? 'audit record could not be written: the answer is withheld (503 AUDIT_UNAVAILABLE)'
                : 'audit record could not be written: the answer is served without it (AUDIT_FAILURE_MODE=open)',
            );
            if (this.failureMode === 'closed') withhold(requestContext);
          }
        },
      }),
    };
  }

  /**
   * Records a request turned away at the door (no valid access token, or a document outside the
   * trusted ones, then with who tried): nothing was served, so the refusal goes out whether or not
   * the record could be written.
   */
  async recordDoorRefusal(requestId: string, code: string, principal?: Principal): Promise<void> {
    try {
      await this.writer.write({
        id: randomUUID(),
        at: new Date().toISOString(),
        requestId,
        // Refused inside the request's server span (platform/http-server.ts): the trace is known.
        traceId: currentTraceId() ?? null,
        caller: principal
          ? { userId: principal.userId, organisation: principal.organisation, unit: principal.unit, roles: [...principal.roles] }
          : { userId: null, organisation: null, unit: null, roles: [] },
        case: { id: null, source: null },
        purpose: 'OTHER',
        operation: { name: null, documentHash: null },
        outcome: 'refused',
        refusals: [{ code, reason: null, field: null, registry: null }],
        registries: [],
      });
    } catch (error) {
      this.logger.error({ requestId, err: error }, 'audit record of a refused request could not be written');
    }
  }

  /** The record of a request, or null when it touched no personal data and refused nothing. */
  recordOf(requestContext: WillSendResponse): AuditRecordContent | null {
    const { contextValue: context, response, operation, document } = requestContext;
    const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
    const removed = context.authorization?.filtered.removed ?? [];
    const refusals: AuditRefusal[] = [];
    const removedCoordinates = new Set(removed.map((field) => field.coordinate));
    for (const coordinate of removedCoordinates) {
      refusals.push({ code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE, reason: null, field: coordinate, registry: null });
    }
    let refusedOutright = context.authorization?.refused === true;
    let failed = false;
    for (const error of errors) {
      const code = extension(error, 'code') ?? ErrorCode.INTERNAL_SERVER_ERROR;
      // The authorizer's own errors are in `removed` already, by field rather than by path.
      if (code === ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE) continue;
      if (REFUSAL_CODES.has(code)) {
        refusals.push({ code, reason: extension(error, 'reason'), field: null, registry: null });
        if (!hasData(data)) refusedOutright = true;
      } else if (FAILURE_CODES.has(code)) {
        failed = true;
        refusals.push({ code, reason: null, field: null, registry: extension(error, 'registry') });
      }
    }
    if (refusedOutright && refusals.length === 0) {
      refusals.push({ code: ErrorCode.UNAUTHORIZED_FIELD_OR_TYPE, reason: null, field: null, registry: null });
    }
    const registries = this.registryReads(context);
    if (registries.length === 0 && !refusedOutright && !failed) return null;
    // A request that never got to an operation (a parse or validation error) touched nothing.
    if (!operation || !document) return null;

    let outcome: AuditOutcome;
    if (refusedOutright) outcome = 'refused';
    else if (registries.length === 0 || (registries.every((read) => read.outcome === 'failed') && !hasData(data))) outcome = 'failed';
    else if (refusals.length > 0) outcome = 'partial';
    else outcome = 'served';

    const { principal } = context;
    return {
      id: randomUUID(),
      at: new Date().toISOString(),
      requestId: context.requestId,
      traceId: context.traceId ?? null,
      caller: { userId: principal.userId, organisation: principal.organisation, unit: principal.unit, roles: [...principal.roles] },
      case: { id: context.caseId, source: context.caseSource },
      purpose: purposeOf(operation, document, context.caseId),
      operation: { name: requestContext.operationName ?? null, documentHash: requestContext.queryHash ?? null },
      outcome,
      refusals,
      registries,
    };
  }

  /**
   * The registry section of response-cache hits, per entry: a hit's activity is the entry's frozen
   * array (response-cache.ts), so its section, pseudonyms and canonical JSON included, is made once
   * and not at every hit.
   */
  private readonly readsOfCachedResponses = new WeakMap<readonly SubgraphRegistryActivity[], AuditRegistryRead[]>();

  /**
   * Field lists, one sealed copy of each: they are most of a record, and the same for every view
   * by the same operation and rights, so their canonical JSON (for the record's hash) is made once.
   * Keyed by the fields' names, which are the schema's, never a person's.
   */
  private readonly fieldLists = new LRUCache<string, string[]>({ max: 2_000 });

  /** The sorted, distinct, sealed list of `names` (in any order, maybe repeated), looked up by the names as they came. */
  private sealedFieldList(names: readonly string[]): string[] {
    const key = names.join('\n');
    let sealed = this.fieldLists.get(key);
    if (!sealed) {
      sealed = sealCanonical([...new Set(names)].sort());
      this.fieldLists.set(key, sealed);
    }
    return sealed;
  }

  /** What the subgraphs read, by registry and service: subjects pseudonymised, fields by subgraph. */
  private registryReads(context: GatewayContext): AuditRegistryRead[] {
    const activity = context.registryActivity;
    // Only what cannot change is kept: frozen activity and fields are a response-cache entry's.
    if (!Object.isFrozen(activity) || !Object.isFrozen(context.servedFields)) return this.readRegistryReads(context);
    let reads = this.readsOfCachedResponses.get(activity);
    if (!reads) {
      reads = sealCanonical(this.readRegistryReads(context));
      this.readsOfCachedResponses.set(activity, reads);
    }
    return reads;
  }

  private readRegistryReads(context: GatewayContext): AuditRegistryRead[] {
    const reads = new Map<string, { read: AuditRegistryRead; subjects: Set<string>; subgraphs: Set<string>; ok: boolean }>();
    // One person is read from several registries (population, tax, police, SIS...): their pseudonym,
    // an HMAC, is computed once per record, not once per registry. Kept only while this record is made.
    const pseudonyms = new Map<string, string>();
    const pseudonymOf = (subject: string): string => {
      let pseudonym = pseudonyms.get(subject);
      if (pseudonym === undefined) {
        pseudonym = subjectPseudonym(this.subjectKey, subject);
        pseudonyms.set(subject, pseudonym);
      }
      return pseudonym;
    };
    for (const activity of context.registryActivity) {
      const key = `${activity.registry}\u0000${activity.service}`;
      let entry = reads.get(key);
      if (!entry) {
        entry = {
          read: {
            registry: activity.registry,
            service: activity.service,
            subjects: [],
            fields: [],
            xRoadIds: [],
            sources: [],
            outcome: 'ok',
          },
          subjects: new Set(),
          subgraphs: new Set(),
          ok: true,
        };
        reads.set(key, entry);
      }
      for (const subject of activity.subjects) entry.subjects.add(pseudonymOf(subject));
      for (const id of activity.xRoadIds) if (!entry.read.xRoadIds.includes(id)) entry.read.xRoadIds.push(id);
      const source = sourceOf(activity);
      if (!entry.read.sources.includes(source)) entry.read.sources.push(source);
      entry.subgraphs.add(activity.subgraph);
      if (activity.outcome === 'failed') entry.ok = false;
    }
    return (
      [...reads.values()]
        .map(({ read, subjects, subgraphs, ok }): AuditRegistryRead => ({
          ...read,
          subjects: [...subjects].sort(),
          // Most registries are read by one subgraph: its list as it came is the key, with no sort per record.
          fields: this.sealedFieldList(
            subgraphs.size === 1
              ? (context.servedFields[subgraphs.values().next().value!] ?? [])
              : [...subgraphs].flatMap((subgraph) => context.servedFields[subgraph] ?? []),
          ),
          sources: read.sources.sort(),
          outcome: ok ? 'ok' : 'failed',
        }))
        // Subgraphs answer in any order; a record lists its registries in one order so that two views of the same data read alike.
        .sort((a, b) => a.registry.localeCompare(b.registry) || a.service.localeCompare(b.service))
    );
  }

  async close(): Promise<void> {
    if (this.anchorTimer) clearInterval(this.anchorTimer);
    await this.writer.close();
    // The last anchor: the chain as the gateway leaves it.
    this.anchor();
  }
}

function sourceOf(activity: SubgraphRegistryActivity): AuditSource {
  return activity.fromResponseCache ? 'response-cache' : activity.source;
}

function hasData(data: Record<string, unknown> | null | undefined): boolean {
  return data !== null && data !== undefined && Object.values(data).some((value) => value !== null);
}

/** Replaces an answer whose record could not be written: nothing personal leaves without one. */
function withhold({ response }: WillSendResponse): void {
  response.http.status = 503;
  response.http.headers.set('retry-after', '5');
  response.body = {
    kind: 'single',
    singleResult: {
      errors: [
        {
          message: 'The audit trail cannot be written right now, so no personal data is sent; try again shortly.',
          extensions: { code: ErrorCode.AUDIT_UNAVAILABLE },
        },
      ],
    },
  };
}
