/**
 * Headers the gateway sends to subgraphs besides its assertion (`Authorization: Bearer`, see
 * gateway-assertion.ts), which alone says who asks and about which case.
 */
export const ForwardedHeader = {
  requestId: 'x-request-id',
  /** Present ("1") when the caller asked for fresh data. */
  fresh: 'x-casegraph-fresh',
  /**
   * The registry calls the request may still make (a non-negative integer); the subgraph reads it
   * only on a request with the gateway's verified assertion and caps it by its own ceiling.
   */
  registryCallBudget: 'x-casegraph-registry-budget',
} as const;
