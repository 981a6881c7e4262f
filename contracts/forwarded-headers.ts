/** Headers the gateway forwards to subgraphs: who asks, about which case, under which request. */
export const ForwardedHeader = {
  requestId: 'x-request-id',
  user: 'x-casegraph-user',
  caseId: 'x-casegraph-case',
  /** Present ("1") when the caller asked for fresh data. */
  fresh: 'x-casegraph-fresh',
} as const;
