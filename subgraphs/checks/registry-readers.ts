/**
 * What a rule set reads its facts with: a reader per registry, the application as the case
 * register answered it, and `answerOf`, which turns a registry's failure into evidence.
 *
 * The readers are the registry clients every subgraph uses, with their per-request DataLoaders:
 * checks started together for a page of applications share one call per batch registry per 500
 * keys, and police and SIS get one call per distinct subject, a bounded number at a time. That
 * holds only while a rule set starts every load before its first await.
 */
import type { CaseRegisterClient } from '../applications/registry-client.js';
import type { CaseApplication } from '../../contracts/registries/case-register.js';
import type { PoliceRegistryClient } from '../police/registry-client.js';
import type { PopulationRegistryClient } from '../population/registry-client.js';
import { REGISTRIES } from '../../contracts/registry-catalogue.js';
import { RegistryError } from '../shared/registry-error.js';
import type { Provenance, RegistryAnswer } from '../shared/xroad-client.js';
import type { SisRegistryClient } from '../sis/registry-client.js';
import type { TaxRegistryClient } from '../tax/registry-client.js';
import type { TradeRegisterClient } from '../trade-register/registry-client.js';
import type { Answer, RegistryFailure } from './rules/rule.js';

/** A reader per registry the checks can read, keyed by its id in the registry catalogue. */
export interface RegistryReaders {
  caseRegister: CaseRegisterClient;
  population: PopulationRegistryClient;
  police: PoliceRegistryClient;
  sis: SisRegistryClient;
  tradeRegister: TradeRegisterClient;
  tax: TaxRegistryClient;
}

/** An application as the case register answered it. */
export interface ApplicationAnswer {
  record: CaseApplication;
  provenance: Provenance;
}

export function failureOf(error: RegistryError): RegistryFailure {
  return { registry: REGISTRIES[error.details.registry].code, code: error.details.code, message: error.message };
}

/**
 * A loader's answer, or the registry's failure as evidence; anything else (a bug) still throws.
 * `load` is called before this function's first await, so a load started here joins the batch
 * of the tick it was started in.
 */
export async function answerOf<T>(load: () => Promise<RegistryAnswer<T>>): Promise<Answer<T>> {
  try {
    const { record, provenance } = await load();
    return { ok: true, record, provenance };
  } catch (error) {
    if (error instanceof RegistryError) return { ok: false, failure: failureOf(error) };
    throw error;
  }
}
