/**
 * One request's appetite: the registry calls a request may cause, and a caller's over time.
 *
 * Registries have quotas, and every call is logged in the registry against our organisation: one
 * request for `applications(ids:)` with 1,000 ids and `Cache-Control: no-cache` made 913 police and
 * 913 SIS calls in 2 s, and graphql-armor's cost limit let it through (it counts fields, not the
 * registries behind them). So, before anything runs:
 *
 * - The operation's registry calls are estimated from its selections and arguments (the
 *   length of `ids`, `first`, the registries each field reaches: REGISTRY_READS below) as if no
 *   cache held anything: batch registries one call per 500 keys, police and SIS one per subject.
 *   Over the request's budget is QUERY_TOO_COMPLEX (HTTP 400) and no registry is asked. The
 *   budget depends on the kind of request: standard; fresh (`Cache-Control: no-cache` or
 *   `@fresh`, which skips every cache and so always reaches the registries), stricter; bulk (an
 *   operation of `prerequisiteChecks`, the bulk-checker service account's work), its own.
 * - Every caller has a rate budget of registry calls over time (a token bucket per user id, in
 *   this process's memory; fresh requests draw on a smaller bucket of their own, bulk checks on
 *   one bucket for the whole service). A request reserves its estimate; when the bucket cannot
 *   cover it, it is HTTP 429 RATE_LIMITED with Retry-After (the seconds until it can). When the
 *   request has run, the reservation is settled against the calls the subgraphs report they
 *   made: answers from a cache cost nothing.
 * - While it runs, every subgraph fetch carries what is left of the request's budget
 *   (x-casegraph-registry-budget, see subgraph-data-source.ts), and the subgraphs make no call
 *   beyond it (subgraphs/shared/registry-call-budget.ts): an estimate that was wrong still cannot
 *   make a request exceed its budget by more than the fetches the query plan runs in parallel.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { Counter, Gauge, type Registry } from 'prom-client';
import {
  getDirectiveValues,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_BATCH_KEYS, REGISTRIES, type RegistryId } from '../contracts/registry-catalogue.js';
import { ErrorCode } from '../platform/errors.js';
import type { BudgetKind, GatewayContext, RequestRegistryBudget, SubgraphRegistryActivity } from './request-context.js';

export type { BudgetKind };

export interface RegistryBudgetLimits {
  /** The most registry calls one request of this kind may cause. */
  perRequest: number;
  /** The calls a caller (for bulk: the whole service) may make per second, sustained. */
  ratePerSecond: number;
  /** How many of them at once: the bucket's size. At least `perRequest`, or such a request could never run. */
  burst: number;
}

export type RegistryBudgetConfig = Record<BudgetKind, RegistryBudgetLimits>;

/**
 * The fields that make the subgraphs read a registry (Type.field), and whether they do so once
 * for their parent or once for each item of the list they return. A test checks this against the
 * supergraph: every root field and every field another subgraph contributes to Applicant,
 * Employer and Application is here, or in NO_REGISTRY_READS.
 */
const REGISTRY_READS: Readonly<Record<string, { per: 'parent' | 'item'; registries: readonly RegistryId[] }>> = {
  'Query.application': { per: 'parent', registries: ['caseRegister'] },
  'Query.applications': { per: 'item', registries: ['caseRegister'] },
  'Query.worklist': { per: 'parent', registries: ['caseRegister'] },
  'Query.applicant': { per: 'parent', registries: ['caseRegister'] },
  'Query.searchApplicants': { per: 'parent', registries: ['caseRegister'] },
  'Query.populationRecord': { per: 'parent', registries: ['population'] },
  'Query.employer': { per: 'parent', registries: ['tradeRegister'] },
  'Query.prerequisiteChecks': { per: 'parent', registries: ['caseRegister'] },
  // A prerequisite check reads every registry about its application (citizenship: police and
  // personal tax debt too; an employer check: the trade register and the compliance report).
  'PrerequisiteCheckPage.items': { per: 'item', registries: ['population', 'tax', 'tax', 'police', 'sis', 'tradeRegister'] },
  'Application.prerequisiteCheck': {
    per: 'parent',
    registries: ['caseRegister', 'population', 'tax', 'tax', 'police', 'sis', 'tradeRegister'],
  },
  'PrerequisiteCheck.application': { per: 'parent', registries: ['caseRegister'] },
  'Applicant.applications': { per: 'parent', registries: ['caseRegister'] },
  'Employer.applications': { per: 'parent', registries: ['caseRegister'] },
  'Applicant.population': { per: 'parent', registries: ['population'] },
  'Applicant.police': { per: 'parent', registries: ['police'] },
  'Applicant.sis': { per: 'parent', registries: ['sis'] },
  'Applicant.taxDebt': { per: 'parent', registries: ['tax'] },
  'Employer.tradeRegister': { per: 'parent', registries: ['tradeRegister'] },
  'Employer.taxCompliance': { per: 'parent', registries: ['tax'] },
  'FamilyRelation.person': { per: 'parent', registries: ['population'] },
};

/** Fields the completeness test would otherwise ask about: answered without a registry call (the audit trail is casegraph's own store). */
export const NO_REGISTRY_READS: readonly string[] = ['Query.auditTrail', 'Query.subjectAccessReport', 'Query.accessesByUser'];

export const REGISTRY_READ_FIELDS: readonly string[] = Object.keys(REGISTRY_READS);

type Arguments = Record<string, unknown>;

/** How many items a list field returns, from its arguments or its parent's (a page's `first`). */
const LIST_SIZES: Readonly<Record<string, (args: Arguments, parentArgs: Arguments) => unknown>> = {
  'Query.applications': (args) => (Array.isArray(args.ids) ? args.ids.length : undefined),
  'Query.searchApplicants': (args) => args.first,
  'ApplicationPage.items': (_args, parentArgs) => parentArgs.first,
  'PrerequisiteCheckPage.items': (_args, parentArgs) => parentArgs.first,
};

/**
 * Items assumed of a list the arguments do not size (an applicant's applications, an employer's,
 * a person's family relations): it only counts when registry fields are selected below it.
 */
export const UNSIZED_LIST_ITEMS = 10;

export interface RegistryCallEstimate {
  /** Registry calls the operation may cause, with nothing cached. */
  calls: number;
  /** The same, per registry code (e.g. POLICE). */
  byRegistry: Record<string, number>;
}

interface FieldType {
  list: boolean;
  typeName: string;
}

type FieldShape = (FieldType & { args: Arguments }) | null;

/** Field shapes per schema: the estimate runs on every request, and printing types is what it would spend its time on. */
const fieldShapes = new WeakMap<GraphQLSchema, Map<string, FieldShape>>();

/** A field's return type from its printed form ("[Application!]!"): no instanceof across graphql copies. */
function fieldType(schema: GraphQLSchema, parentType: string, fieldName: string): FieldShape {
  let shapes = fieldShapes.get(schema);
  if (!shapes) fieldShapes.set(schema, (shapes = new Map()));
  const coordinate = `${parentType}.${fieldName}`;
  let shape = shapes.get(coordinate);
  if (shape === undefined) {
    shape = readFieldType(schema, parentType, fieldName);
    shapes.set(coordinate, shape);
  }
  return shape;
}

function readFieldType(schema: GraphQLSchema, parentType: string, fieldName: string): FieldShape {
  const parent = schema.getType(parentType) as { getFields?: () => Record<string, unknown> } | undefined;
  const field = parent?.getFields?.()[fieldName] as
    { type: unknown; args: ReadonlyArray<{ name: string; defaultValue: unknown }> } | undefined;
  if (!field) return null;
  const printed = String(field.type);
  const args: Arguments = {};
  for (const arg of field.args) if (arg.defaultValue !== undefined) args[arg.name] = arg.defaultValue;
  return { list: printed.startsWith('['), typeName: printed.replace(/[[\]!]/g, ''), args };
}

function positiveCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * The registry calls `operation` may cause: every registry-reading field, aliased or in a fragment,
 * counted for every object it is selected on, as if no cache held anything. `@skip` and `@include`
 * are evaluated as execution will (a field, fragment or spread they leave out is not counted), but
 * one whose condition cannot be read from the variables counts: an estimate errs high, never low.
 */
export function estimateRegistryCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  requestVariables: Readonly<Record<string, unknown>> | undefined,
): RegistryCallEstimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variables[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  Object.assign(variables, requestVariables ?? {});

  let calls = 0;
  const byRegistry: Record<string, number> = {};
  const read = (registry: RegistryId, keys: number) => {
    if (keys <= 0) return;
    const count = REGISTRIES[registry].batch ? Math.ceil(keys / MAX_BATCH_KEYS) : keys;
    calls += count;
    const code = REGISTRIES[registry].code;
    byRegistry[code] = (byRegistry[code] ?? 0) + count;
  };

  const visit = (selectionSet: SelectionSetNode, typeName: string, objects: number, parentArgs: Arguments, depth: number) => {
    // Validation has refused deeper operations and fragment cycles; this only keeps a bug finite.
    if (depth > 64 || objects === 0) return;
    for (const selection of selectionSet.selections) {
      if (!isIncluded(selection, variables)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, objects, parentArgs, depth + 1);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet, fragment.typeCondition.name.value, objects, parentArgs, depth + 1);
        continue;
      }
      const name = selection.name.value;
      const type = fieldType(schema, typeName, name);
      if (!type) continue;
      const coordinate = `${typeName}.${name}`;
      const args: Arguments = { ...type.args };
      for (const argument of selection.arguments ?? []) args[argument.name.value] = valueFromASTUntyped(argument.value, variables);
      const sizeOf = LIST_SIZES[coordinate];
      const items = type.list ? positiveCount(sizeOf?.(args, parentArgs), UNSIZED_LIST_ITEMS) : 1;
      const reads = REGISTRY_READS[coordinate];
      if (reads) for (const registry of reads.registries) read(registry, reads.per === 'item' ? objects * items : objects);
      if (selection.selectionSet) visit(selection.selectionSet, type.typeName, objects * items, args, depth + 1);
    }
  };
  const root = operation.operation === 'query' ? schema.getQueryType()?.name : undefined;
  if (root) visit(operation.selectionSet, root, 1, {}, 0);
  return { calls, byRegistry };
}

/**
 * Whether execution will include `selection` by its `@skip` and `@include`, with `variables` (their
 * booleans are kept as they are by sizeShape). A condition that cannot be read (a variable not
 * given) counts as included: graphql-js refuses such a request anyway, and the estimate errs high.
 */
function isIncluded(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  if (!selection.directives || selection.directives.length === 0) return true;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if === false) return false;
  } catch {
    return true;
  }
  return true;
}

/**
 * A variable's value as the estimate may see it: numbers, booleans and null as they are, lists as
 * lists of the same length, strings all alike. The estimate sizes lists by `first` and by the length
 * of `ids`, never by what a string says, so it runs on this shape, which is also the key under
 * which its result is kept: no identifier is in that key, and a kept estimate is exactly what the
 * same shape would estimate again.
 */
function sizeShape(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (Array.isArray(value)) return value.map(sizeShape);
  if (value !== null && typeof value === 'object') {
    const shape: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) shape[key] = sizeShape(child);
    return shape;
  }
  return value;
}

/**
 * Estimates kept per schema, document and variable shape: a case view asks the same every time,
 * and walking its selections was a tenth of a warm request's CPU.
 */
export class RegistryCallEstimates {
  private readonly bySchema = new WeakMap<GraphQLSchema, LRUCache<string, RegistryCallEstimate>>();

  constructor(private readonly maxPerSchema = 1_000) {}

  estimate(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    queryHash: string,
    requestVariables: Readonly<Record<string, unknown>> | undefined,
  ): RegistryCallEstimate {
    const variables = sizeShape(requestVariables ?? {}) as Record<string, unknown>;
    const key = `${queryHash}\u0000${operation.name?.value ?? ''}\u0000${JSON.stringify(variables)}`;
    let kept = this.bySchema.get(schema);
    if (!kept) this.bySchema.set(schema, (kept = new LRUCache<string, RegistryCallEstimate>({ max: this.maxPerSchema })));
    let estimate = kept.get(key);
    if (!estimate) {
      estimate = estimateRegistryCalls(schema, document, operation, variables);
      kept.set(key, estimate);
    }
    return estimate;
  }

  /** The keys kept for `schema`: variable shapes, never their values. */
  keptKeys(schema: GraphQLSchema): string[] {
    return [...(this.bySchema.get(schema)?.keys() ?? [])];
  }
}

/** Whether `operation` is bulk work: it asks for `prerequisiteChecks`. */
export function isBulkOperation(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === 'prerequisiteChecks',
  );
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Token buckets of registry calls, one per key, in memory. A bucket left alone refills to full, and
 * a full bucket is the same as none: it is dropped then (its TTL), so the map holds only callers
 * who have spent something lately, and at most `maxKeys` of them.
 */
export class CallBuckets {
  private readonly buckets: LRUCache<string, Bucket>;

  constructor(
    private readonly limits: Pick<RegistryBudgetLimits, 'ratePerSecond' | 'burst'>,
    maxKeys = 100_000,
  ) {
    // No per-entry TTL and no delete of a refilled bucket: lru-cache clears its TTL arrays (sized
    // maxKeys) whenever it becomes empty, which a delete per request did, at a fifth of a warm
    // request's CPU. A full bucket kept is the same as none; the LRU bounds how many are kept.
    this.buckets = new LRUCache<string, Bucket>({ max: maxKeys });
  }

  private current(key: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limits.burst, atMs: nowMs };
    const refilled = bucket.tokens + ((nowMs - bucket.atMs) / 1000) * this.limits.ratePerSecond;
    return { tokens: Math.min(this.limits.burst, refilled), atMs: nowMs };
  }

  private store(key: string, bucket: Bucket): void {
    this.buckets.set(key, bucket);
  }

  /** Takes `calls` from `key`'s bucket, or says in how many seconds it could (at least 1). */
  reserve(key: string, calls: number, nowMs = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const bucket = this.current(key, nowMs);
    if (bucket.tokens < calls || bucket.tokens < 0) {
      const missing = Math.max(calls, 0) - bucket.tokens;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.limits.ratePerSecond)) };
    }
    this.store(key, { tokens: bucket.tokens - calls, atMs: nowMs });
    return { ok: true };
  }

  /** Gives back what was reserved and takes what was spent (more than reserved puts the bucket in debt). */
  settle(key: string, reserved: number, spent: number, nowMs = Date.now()): void {
    const bucket = this.current(key, nowMs);
    this.store(key, { tokens: Math.min(this.limits.burst, bucket.tokens + reserved - spent), atMs: nowMs });
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Registry calls the subgraphs reported for the request so far (cached answers and response-cache hits cost none). */
export function registryCallsMade(activity: readonly SubgraphRegistryActivity[]): number {
  let calls = 0;
  for (const entry of activity) if (entry.source === 'registry' && !entry.fromResponseCache) calls += entry.xRoadIds.length;
  return calls;
}

/** What is left of a request's budget, for the next subgraph fetch; undefined when it has none. */
export function remainingRegistryCalls(context: GatewayContext): number | undefined {
  const budget = context.registryBudget;
  if (!budget) return undefined;
  return Math.max(0, budget.limit - registryCallsMade(context.registryActivity));
}

export interface RegistryBudgetStats {
  /** Requests refused before running, by kind: over the per-request budget, and over the rate budget. */
  refusedOverBudget: Record<BudgetKind, number>;
  rateLimited: Record<BudgetKind, number>;
  admitted: Record<BudgetKind, number>;
  /** Estimated and actual registry calls of admitted requests. */
  estimatedCalls: number;
  actualCalls: number;
  /** Callers with a bucket kept (the most recent, up to 100,000 per kind), by kind. */
  buckets: Record<BudgetKind, number>;
}

const KINDS: readonly BudgetKind[] = ['standard', 'fresh', 'bulk'];
const perKind = (): Record<BudgetKind, number> => ({ standard: 0, fresh: 0, bulk: 0 });

/** The bulk budget is the service's, whoever runs it. */
const BULK_BUCKET = 'bulk-service';

export class RegistryBudget {
  private readonly buckets: Record<BudgetKind, CallBuckets>;
  private readonly estimates = new RegistryCallEstimates();
  private readonly counters = {
    refusedOverBudget: perKind(),
    rateLimited: perKind(),
    admitted: perKind(),
    estimatedCalls: 0,
    actualCalls: 0,
  };

  constructor(private readonly config: RegistryBudgetConfig) {
    this.buckets = { standard: new CallBuckets(config.standard), fresh: new CallBuckets(config.fresh), bulk: new CallBuckets(config.bulk) };
  }

  /**
   * Estimates and admits (or refuses) each operation in didResolveOperation, synchronously, before
   * any await: the case check of case-access.ts, registered after this, sees `refused` and asks
   * nobody. Register after the operation context (which reads `@fresh`) and field authorization.
   */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ contextValue, operation, document, schema, request, queryHash }) => {
          if (!operation || contextValue.authorization?.refused) return;
          const kind: BudgetKind = isBulkOperation(operation) ? 'bulk' : contextValue.fresh ? 'fresh' : 'standard';
          const limits = this.config[kind];
          const estimate = this.estimates.estimate(schema, document, operation, queryHash, request.variables).calls;
          const budget: RequestRegistryBudget = { kind, limit: limits.perRequest, estimate, refused: true, reservation: null };
          contextValue.registryBudget = budget;
          if (estimate > limits.perRequest) {
            this.counters.refusedOverBudget[kind] += 1;
            throw new GraphQLError(
              `The operation may cause ${estimate} registry calls; a ${kind === 'standard' ? '' : `${kind} `}request may cause at most ${limits.perRequest}. Ask for fewer items${kind === 'fresh' ? ', or without fresh data' : ''}.`,
              {
                extensions: {
                  code: ErrorCode.QUERY_TOO_COMPLEX,
                  estimatedRegistryCalls: estimate,
                  registryCallBudget: limits.perRequest,
                  http: { status: 400 },
                },
              },
            );
          }
          const bucketKey = kind === 'bulk' ? BULK_BUCKET : contextValue.principal.userId;
          const reservation = this.buckets[kind].reserve(bucketKey, estimate);
          if (!reservation.ok) {
            this.counters.rateLimited[kind] += 1;
            throw new GraphQLError(
              `Too many registry calls lately${kind === 'bulk' ? ' by bulk checks' : ''}: try again in ${reservation.retryAfterSeconds} s.`,
              {
                extensions: {
                  code: ErrorCode.RATE_LIMITED,
                  retryAfterSeconds: reservation.retryAfterSeconds,
                  // Retry-After is set in willSendResponse from retryAfterSeconds.
                  http: { status: 429 },
                },
              },
            );
          }
          budget.refused = false;
          budget.reservation = { bucketKey, calls: estimate };
          this.counters.admitted[kind] += 1;
          this.counters.estimatedCalls += estimate;
        },
        willSendResponse: async ({ contextValue, response }) => {
          if (response.body.kind === 'single') {
            const limited = response.body.singleResult.errors?.find((error) => error.extensions?.code === ErrorCode.RATE_LIMITED);
            if (limited) response.http.headers.set('retry-after', String(limited.extensions?.retryAfterSeconds));
          }
          const budget = contextValue.registryBudget;
          if (!budget?.reservation) return;
          const spent = registryCallsMade(contextValue.registryActivity);
          this.buckets[budget.kind].settle(budget.reservation.bucketKey, budget.reservation.calls, spent);
          this.counters.actualCalls += spent;
          budget.reservation = null;
        },
      }),
    };
  }

  stats(): RegistryBudgetStats {
    const { refusedOverBudget, rateLimited, admitted, estimatedCalls, actualCalls } = this.counters;
    return {
      refusedOverBudget: { ...refusedOverBudget },
      rateLimited: { ...rateLimited },
      admitted: { ...admitted },
      estimatedCalls,
      actualCalls,
      buckets: { standard: this.buckets.standard.size, fresh: this.buckets.fresh.size, bulk: this.buckets.bulk.size },
    };
  }

  /** Registers the budget's metrics in `metrics` (read from stats() when scraped; no caller in any label). */
  registerMetrics(metrics: Registry): void {
    const stats = () => this.stats();
    new Counter({
      name: 'casegraph_registry_budget_refusals_total',
      help: 'Requests refused before running: over their budget of registry calls (QUERY_TOO_COMPLEX) or over the rate budget (RATE_LIMITED), by kind',
      labelNames: ['kind', 'reason'],
      registers: [metrics],
      collect() {
        this.reset();
        const { refusedOverBudget, rateLimited } = stats();
        for (const kind of KINDS) {
          this.inc({ kind, reason: 'over_request_budget' }, refusedOverBudget[kind]);
          this.inc({ kind, reason: 'rate_limited' }, rateLimited[kind]);
        }
      },
    });
    new Counter({
      name: 'casegraph_registry_budget_admitted_total',
      help: 'Requests admitted by the registry call budget, by kind',
      labelNames: ['kind'],
      registers: [metrics],
      collect() {
        this.reset();
        const { admitted } = stats();
        for (const kind of KINDS) this.inc({ kind }, admitted[kind]);
      },
    });
    new Counter({
      name: 'casegraph_registry_budget_calls_total',
      help: 'Registry calls of admitted requests: estimated before running, and actually made',
      labelNames: ['measure'],
      registers: [metrics],
      collect() {
        this.reset();
        const { estimatedCalls, actualCalls } = stats();
        this.inc({ measure: 'estimated' }, estimatedCalls);
        this.inc({ measure: 'actual' }, actualCalls);
      },
    });
    new Gauge({
      name: 'casegraph_registry_budget_buckets',
      help: 'Callers with a rate-budget bucket kept (recently seen), by kind',
      labelNames: ['kind'],
      registers: [metrics],
      collect() {
        const { buckets } = stats();
        for (const kind of KINDS) this.set({ kind }, buckets[kind]);
      },
    });
  }
}
