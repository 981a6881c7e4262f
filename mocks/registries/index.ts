/** Every mock registry service, one module each, built over one data set. */
import type { RegistryId } from '../../contracts/registry-catalogue.js';
import type { Dataset } from '../dataset/types.js';
import { createCaseRegisterService } from './case-register.js';
import { createPoliceService } from './police.js';
import { createPopulationService } from './population.js';
import type { RegistryService } from './service.js';
import { createSisService } from './sis.js';
import { createTaxService } from './tax.js';
import { createTradeRegisterService } from './trade-register.js';

/** Keyed by registry id, so a registry added to the catalogue without a mock is a type error here. */
const FACTORIES: Record<RegistryId, (dataset: Dataset) => RegistryService> = {
  caseRegister: createCaseRegisterService,
  population: createPopulationService,
  police: createPoliceService,
  sis: createSisService,
  tradeRegister: createTradeRegisterService,
  tax: createTaxService,
};

export function createRegistryServices(dataset: Dataset): RegistryService[] {
  return Object.values(FACTORIES).map((create) => create(dataset));
}
