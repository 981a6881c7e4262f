// Types of plan-panel.mjs (plain JavaScript, inlined in the GraphiQL page), for its tests.
import type { CasegraphPlan, LastRequest, RecordedRequest } from './fetcher.mjs';
import type { Caller } from './sign-in.mjs';

export type PlanNode =
  { kind: 'Sequence' | 'Parallel'; children: PlanNode[] } | { kind: 'Step'; label: string; children: PlanNode[] } | FetchNode;

export interface FetchNode {
  kind: 'Fetch';
  service: string;
  path: string[];
  entityFetch: boolean;
  entityTypes: string[];
  keyFields: string[];
  fields: string[];
}

export const PLAN_PLUGIN_TITLE: string;
export const PLAN_RIGHT: string;

export function parseQueryPlan(text: unknown): PlanNode | null;
export function fetchesOf(node: PlanNode | null): FetchNode[];
export function timingsByFetch(tree: PlanNode | null, fetches: CasegraphPlan['fetches']): Map<FetchNode, CasegraphPlan['fetches'][number]>;

/** React's createElement, or a stand-in. */
export type CreateElement<E> = (
  type: string | ((props: never) => unknown),
  props: Record<string, unknown> | null,
  ...children: unknown[]
) => E;

export function renderPlanPanel<E>(
  h: CreateElement<E>,
  state: { caller: Caller | null; canSeePlans: boolean; planRoles: string[]; last: RecordedRequest | null },
): E;

export function planPlugin(
  React: unknown,
  options: { lastRequest: LastRequest; caller: Caller | null; canSeePlans: boolean; planRoles: string[] },
): { title: string; icon: () => unknown; content: () => unknown };
