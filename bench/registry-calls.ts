/**
 * Registry calls counted by the mock registries (mocks/stats.ts): reset before a measured window,
 * read after it, so calls per request come from what actually reached the registries.
 */
import type { StatsSnapshot } from '../mocks/stats.js';
import { REGISTRY_IDS, type RegistryId } from '../contracts/registry-catalogue.js';

export type RegistryCalls = Record<RegistryId, number>;

/** Calls to every registry of the catalogue: the counts given, none to the rest. */
export function registryCalls(counts: Partial<RegistryCalls> = {}): RegistryCalls {
  return Object.fromEntries(REGISTRY_IDS.map((id) => [id, counts[id] ?? 0])) as RegistryCalls;
}

export async function resetRegistryCalls(mocksUrl: string): Promise<void> {
  const response = await fetch(`${mocksUrl}/__stats/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`resetting the mocks' counters failed with status ${response.status}`);
  await response.body?.cancel();
}

export async function readRegistryCalls(mocksUrl: string): Promise<RegistryCalls> {
  const response = await fetch(`${mocksUrl}/__stats`);
  if (!response.ok) throw new Error(`reading the mocks' counters failed with status ${response.status}`);
  const snapshot = (await response.json()) as StatsSnapshot;
  return Object.fromEntries(REGISTRY_IDS.map((id) => [id, snapshot.registries[id]?.calls ?? 0])) as RegistryCalls;
}
