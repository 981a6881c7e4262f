/**
 * A registry call failed: the error every registry client throws, naming the registry in words a
 * case worker understands (the message) and for machines (extensions.registry). It never carries
 * the subject of the query.
 */
import { GraphQLError } from 'graphql';
import { REGISTRIES, type RegistryId } from '../../contracts/registry-catalogue.js';
import { type ErrorCode } from '../../platform/errors.js';

export type RegistryErrorCode =
  | typeof ErrorCode.REGISTRY_UNAVAILABLE
  | typeof ErrorCode.REGISTRY_TIMEOUT
  | typeof ErrorCode.REGISTRY_ACCESS_DENIED
  | typeof ErrorCode.REGISTRY_ERROR
  | typeof ErrorCode.REGISTRY_CIRCUIT_OPEN
  /** Not asked at all: the request had used its budget of registry calls (registry-call-budget.ts). */
  | typeof ErrorCode.QUERY_TOO_COMPLEX;

export interface RegistryErrorDetails {
  registry: RegistryId;
  code: RegistryErrorCode;
  /** The X-Road error type (e.g. Server.ServerProxy.NetworkError) when X-Road itself failed. */
  xRoadError?: string;
  /** HTTP status of the registry answer, when there was one. */
  status?: number;
  /** X-Road-Id of the failed call, to find it in the security server's logs. */
  xRoadId?: string;
}

export class RegistryError extends GraphQLError {
  readonly details: RegistryErrorDetails;

  constructor(details: RegistryErrorDetails, reason: string) {
    const registry = REGISTRIES[details.registry];
    super(`${registry.title}: ${reason}`, {
      extensions: {
        code: details.code,
        registry: registry.code,
        ...(details.xRoadError ? { xRoadError: details.xRoadError } : {}),
        ...(details.status ? { status: details.status } : {}),
        ...(details.xRoadId ? { xRoadId: details.xRoadId } : {}),
      },
    });
    this.name = 'RegistryError';
    this.details = details;
  }
}
