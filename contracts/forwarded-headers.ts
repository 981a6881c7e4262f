/**
 * Headers the gateway sends to subgraphs besides its assertion (`Authorization: Bearer`, see
 * gateway-assertion.ts), which alone says who asks and about which case.
 */
export const ForwardedHeader = {
  requestId: 'x-request-id',
  /** Present ("1") when the caller asked for fresh data. */
  fresh: 'x-casegraph-fresh',
} as const;
