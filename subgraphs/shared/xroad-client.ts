/**
 * The one client every subgraph uses to call its registry over X-Road REST.
 *
 * One instance per registry per process: it owns a keep-alive undici pool (so connection
 * setup is paid once, and the pool size bounds how many calls this process has in flight to
 * the registry), sets the X-Road headers, applies a deadline, retries once on a connection
 * that broke before any answer, opens a circuit after repeated failures so a down registry
 * fails fast instead of queueing every case behind it, and turns every failure into a
 * RegistryError that names the registry.
 */
import { randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  noop,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { Pool } from 'undici';
import { ErrorCode } from '../../platform/errors.js';
import { RegistryError, type RegistryErrorCode } from './registry-error.js';
import { countRefusedCall, overBudgetError, type RegistryCallBudget } from './registry-call-budget.js';
import type { Logger } from '../../platform/logger.js';
import { REGISTRIES, type RegistryId } from '../../contracts/registry-catalogue.js';
import { XRoadHeader } from '../../contracts/xroad.js';
import { injectTraceContext, inSpan, SpanKind, trace, TraceAttribute } from '../../platform/trace-context.js';

const tracer = trace.getTracer('casegraph-registry');

export interface XRoadClientOptions {
  registry: RegistryId;
  /** Base URL of the security server, e.g. http://127.0.0.1:4100. */
  securityServerUrl: string;
  /** X-Road instance, e.g. FI. */
  instance: string;
  /** casegraph's own X-Road client id: INSTANCE/CLASS/MEMBER/SUBSYSTEM. */
  clientId: string;
  /** Country prefix for X-Road-UserId. */
  userCountry: string;
  timeoutMs: number;
  connections: number;
  /** Retries after a connection broke before any answer; 0 disables. */
  retries: number;
  /** Consecutive failures that open the circuit; 0 disables the breaker. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
  logger: Logger;
}

/** Who is asking and why: becomes X-Road-UserId and X-Road-Issue. */
export interface RegistryCallContext {
  requestId: string;
  userId: string | null;
  caseId: string | null;
  /** The calls the request may still make; none is made once it is spent (registry-call-budget.ts). */
  callBudget?: RegistryCallBudget;
}

export interface RegistryRequest {
  method: 'GET' | 'POST';
  /** Service code and path below the subsystem, e.g. `persons/batch`. */
  service: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** How many keys the call asks about, for logs and metrics. */
  keys: number;
}

/** Where an answer came from; the GraphQL `Provenance` type. */
export interface Provenance {
  registry: string;
  service: string;
  retrievedAt: string;
  requestId: string;
  fromCache: boolean;
}

/** A registry's answer about one key: the record, or null when the registry does not know the key. */
export interface RegistryAnswer<T> {
  record: T | null;
  provenance: Provenance;
}

export interface RegistryResponse<T> {
  body: T;
  provenance: Provenance;
}

/** Errors that mean the registry is not serving: these count towards opening the circuit. */
const FAILURE_CODES = new Set<string>([ErrorCode.REGISTRY_UNAVAILABLE, ErrorCode.REGISTRY_TIMEOUT]);

/** A connection that broke before any answer; safe to retry since every call is a lookup. */
class BrokenConnectionError extends Error {
  constructor(cause: unknown) {
    super('connection broke before an answer', { cause });
  }
}

const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export class XRoadClient {
  readonly registry: RegistryId;
  private readonly pool: Pool;
  private readonly servicePrefix: string;
  private readonly serviceIdPrefix: string;
  private readonly policy: IPolicy;
  private readonly breakerFailures: number;
  /**
   * Whether the last call reached the registry, and since when it has not: failures are logged
   * once when the registry goes down and once when it comes back (with how many calls failed in
   * between), as the Redis cache level does, not once per call. An outage under load would
   * otherwise write a warning per request (18,103 lines in a 10 s outage of the case register).
   */
  private outage: { since: number; failedCalls: number; code: string } | null = null;

  constructor(private readonly options: XRoadClientOptions) {
    this.registry = options.registry;
    const subsystem = REGISTRIES[options.registry].xRoadSubsystem;
    this.servicePrefix = `/r1/${options.instance}/${subsystem}/`;
    this.serviceIdPrefix = `${options.instance}/${subsystem}/`;
    this.pool = new Pool(options.securityServerUrl, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 5_000),
    });
    this.breakerFailures = options.breakerFailures;

    const retryPolicy =
      options.retries > 0
        ? retry(
            handleWhen((error) => error instanceof BrokenConnectionError),
            { maxAttempts: options.retries, backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 200 }) },
          )
        : noop;
    if (options.breakerFailures > 0) {
      const breaker = circuitBreaker(
        handleWhen(
          (error) => error instanceof BrokenConnectionError || (error instanceof RegistryError && FAILURE_CODES.has(error.details.code)),
        ),
        { halfOpenAfter: options.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breakerFailures) },
      );
      breaker.onStateChange((state) => {
        const log = { registry: this.registry, state: CircuitState[state] };
        if (state === CircuitState.Open) options.logger.warn(log, 'registry circuit opened: failing fast');
        else options.logger.info(log, 'registry circuit state changed');
      });
      this.policy = wrap(breaker, retryPolicy);
    } else {
      this.policy = retryPolicy;
    }
  }

  /** The X-Road service id a call goes to, e.g. FI/GOV/0245437-2/VTJkysely/persons. */
  serviceId(service: string): string {
    const slash = service.indexOf('/');
    return this.serviceIdPrefix + (slash === -1 ? service : service.slice(0, slash));
  }

  /**
   * One registry call (with its retry) in a client span: registry, X-Road service, key count, the
   * X-Road request id and outcome; never the query, the body or who it is about.
   */
  call<T>(context: RegistryCallContext, request: RegistryRequest): Promise<RegistryResponse<T>> {
    const attributes = {
      [TraceAttribute.registry]: REGISTRIES[this.registry].code,
      [TraceAttribute.registryService]: this.serviceId(request.service),
      [TraceAttribute.keys]: request.keys,
    };
    return inSpan(tracer, `registry ${REGISTRIES[this.registry].code}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const response = await this.callWithPolicy<T>(context, request);
        span.setAttributes({ [TraceAttribute.outcome]: 'ok', [TraceAttribute.xRoadRequestId]: response.provenance.requestId });
        return response;
      } catch (error) {
        // callWithPolicy throws RegistryError only; its code and X-Road id are no personal data.
        const details = error instanceof RegistryError ? error.details : undefined;
        span.setAttributes({ [TraceAttribute.outcome]: 'failed', [TraceAttribute.errorCode]: details?.code ?? ErrorCode.REGISTRY_ERROR });
        if (details?.xRoadId) span.setAttribute(TraceAttribute.xRoadRequestId, details.xRoadId);
        throw error;
      }
    });
  }

  private async callWithPolicy<T>(context: RegistryCallContext, request: RegistryRequest): Promise<RegistryResponse<T>> {
    const budget = context.callBudget;
    if (budget) {
      const firstRefusal = !budget.overrun;
      if (!budget.take()) {
        // Not a registry failure: no warning per call, no circuit breaker; once per request.
        countRefusedCall(this.registry, firstRefusal);
        if (firstRefusal) {
          this.options.logger.warn(
            { registry: this.registry, requestId: context.requestId, budget: budget.limit },
            'request over its budget of registry calls: its further calls are not made',
          );
        }
        throw overBudgetError(this.registry, budget);
      }
    }
    const started = performance.now();
    try {
      const response = await this.policy.execute(() =>
        this.callOnce<T>(context, request).catch((error: unknown) => {
          // Typed inside the policy so the breaker sees timeouts and refused connections too.
          throw error instanceof BrokenConnectionError ? error : this.toRegistryError(error);
        }),
      );
      this.options.logger.debug(
        {
          registry: this.registry,
          registryService: request.service,
          keys: request.keys,
          ms: Math.round(performance.now() - started),
          xRoadId: response.provenance.requestId,
          requestId: context.requestId,
        },
        'registry call',
      );
      this.answered();
      return response;
    } catch (error) {
      const registryError = this.toRegistryError(error);
      const failure = {
        registry: this.registry,
        registryService: request.service,
        keys: request.keys,
        code: registryError.details.code,
        xRoadError: registryError.details.xRoadError,
        status: registryError.details.status,
        ms: Math.round(performance.now() - started),
        requestId: context.requestId,
      };
      // Each call's failure is in the debug log; the warning is once per outage (see `outage`). A
      // registry refusing one request (HTTP 4xx: a cursor it does not know) is no outage.
      this.options.logger.debug(failure, 'registry call failed');
      if (refusedThisRequest(registryError)) throw registryError;
      if (this.outage) this.outage.failedCalls += 1;
      else {
        this.outage = { since: Date.now(), failedCalls: 1, code: registryError.details.code };
        this.options.logger.warn(failure, 'registry calls failing: further failures are logged when it answers again');
      }
      throw registryError;
    }
  }

  /** A call was answered: ends an outage, saying so once. */
  private answered(): void {
    if (!this.outage) return;
    const { since, failedCalls, code } = this.outage;
    this.outage = null;
    this.options.logger.info(
      { registry: this.registry, failedCalls, firstCode: code, outageMs: Date.now() - since },
      'registry answering again',
    );
  }

  private async callOnce<T>(context: RegistryCallContext, request: RegistryRequest): Promise<RegistryResponse<T>> {
    const xRoadId = randomUUID();
    const headers: Record<string, string> = {
      [XRoadHeader.client]: this.options.clientId,
      [XRoadHeader.id]: xRoadId,
      accept: 'application/json',
    };
    // The security server passes W3C trace context on, so a registry that traces joins the trace.
    injectTraceContext(headers);
    if (context.userId) headers[XRoadHeader.userId] = `${this.options.userCountry}${context.userId}`;
    if (context.caseId) headers[XRoadHeader.issue] = context.caseId;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }

    let response: Awaited<ReturnType<Pool['request']>>;
    try {
      response = await this.pool.request({
        method: request.method,
        path: this.servicePrefix + request.service + queryString(request.query),
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code && BROKEN_CONNECTION_CODES.has(code)) throw new BrokenConnectionError(error);
      throw error;
    }

    const retrievedAt = new Date().toISOString();
    const text = await response.body.text();
    const xRoadError = response.headers[XRoadHeader.error];
    if (typeof xRoadError === 'string') {
      throw this.xRoadFailure(xRoadError, response.statusCode, xRoadId);
    }
    if (response.statusCode >= 400) {
      const code = response.statusCode === 503 ? ErrorCode.REGISTRY_UNAVAILABLE : ErrorCode.REGISTRY_ERROR;
      throw new RegistryError(
        { registry: this.registry, code, status: response.statusCode, xRoadId },
        response.statusCode >= 500
          ? `the registry failed (HTTP ${response.statusCode})`
          : `the registry refused the request (HTTP ${response.statusCode})`,
      );
    }
    let parsed: T;
    try {
      parsed = JSON.parse(text) as T;
    } catch {
      throw new RegistryError(
        { registry: this.registry, code: ErrorCode.REGISTRY_ERROR, status: response.statusCode, xRoadId },
        'the registry answered with something that is not JSON',
      );
    }
    return {
      body: parsed,
      provenance: {
        registry: REGISTRIES[this.registry].code,
        service: this.serviceId(request.service),
        retrievedAt,
        requestId: xRoadId,
        fromCache: false,
      },
    };
  }

  /** Maps an X-Road error type (from the X-Road-Error header) to our codes. */
  private xRoadFailure(type: string, status: number, xRoadId: string): RegistryError {
    const details = { registry: this.registry, xRoadError: type, status, xRoadId };
    let code: RegistryErrorCode;
    let reason: string;
    if (/timeout/i.test(type)) {
      code = ErrorCode.REGISTRY_TIMEOUT;
      reason = 'the registry did not answer in time';
    } else if (type.includes('AccessDenied')) {
      code = ErrorCode.REGISTRY_ACCESS_DENIED;
      reason = 'X-Road denied casegraph access to this service';
    } else if (type.startsWith('Client.')) {
      code = ErrorCode.REGISTRY_ERROR;
      reason = 'X-Road refused the request as malformed';
    } else {
      code = ErrorCode.REGISTRY_UNAVAILABLE;
      reason = 'the registry is unavailable';
    }
    return new RegistryError({ ...details, code }, `${reason} (X-Road: ${type})`);
  }

  private toRegistryError(error: unknown): RegistryError {
    if (error instanceof RegistryError) return error;
    if (error instanceof BrokenCircuitError) {
      return new RegistryError(
        { registry: this.registry, code: ErrorCode.REGISTRY_CIRCUIT_OPEN },
        `not consulted after ${this.breakerFailures} consecutive failures; casegraph retries it shortly`,
      );
    }
    const cause = error instanceof BrokenConnectionError ? error.cause : error;
    const code = (cause as { code?: string; name?: string }).code;
    const name = (cause as { name?: string }).name;
    if (name === 'TimeoutError' || (code && TIMEOUT_CODES.has(code))) {
      return new RegistryError(
        { registry: this.registry, code: ErrorCode.REGISTRY_TIMEOUT },
        `the registry did not answer within ${this.options.timeoutMs} ms`,
      );
    }
    return new RegistryError({ registry: this.registry, code: ErrorCode.REGISTRY_UNAVAILABLE }, 'the registry could not be reached');
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

function refusedThisRequest(error: RegistryError): boolean {
  const { code, status } = error.details;
  return code === ErrorCode.REGISTRY_ERROR && status !== undefined && status >= 400 && status < 500;
}

function queryString(query: RegistryRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
