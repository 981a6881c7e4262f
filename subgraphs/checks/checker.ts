/**
 * Running a prerequisite check: reading the facts an application's rule set needs from the
 * registries, then evaluating the rule set on them.
 *
 * Facts are read through the registry clients every subgraph uses, with their per-request
 * DataLoaders: checks started together for a page of applications share one call per batch
 * registry per 500 keys, and police and SIS get one call per distinct subject, a bounded
 * number at a time. The shared loaders are where the registry cache sits, so it serves the
 * checks too.
 *
 * A registry that cannot be consulted does not fail the check: its RegistryError becomes
 * evidence, and the rules that needed it go to MANUAL_REVIEW naming it.
 */
import type { CaseRegisterClient } from '../applications/registry-client.js';
import type { CaseApplication } from '../../contracts/registries/case-register.js';
import type { PoliceRegistryClient } from '../police/registry-client.js';
import type { PopulationRegistryClient } from '../population/registry-client.js';
import { REGISTRIES } from '../../contracts/registry-catalogue.js';
import { RegistryError } from '../shared/registry-error.js';
import type { RegistryAnswer } from '../shared/xroad-client.js';
import type { IsoDate } from '../../contracts/xroad.js';
import { perRequest, type SubgraphContext } from '../shared/request-context.js';
import type { Provenance } from '../shared/xroad-client.js';
import { SisRegistryClient } from '../sis/registry-client.js';
import type { TaxRegistryClient } from '../tax/registry-client.js';
import type { TradeRegisterClient } from '../trade-register/registry-client.js';
import { evaluateRuleSet, withoutRuleSet, type PrerequisiteCheck } from './evaluation.js';
import type { CitizenshipFacts } from './rules/citizenship.js';
import type { EmployerCheckFacts } from './rules/employer-check.js';
import { CITIZENSHIP, EMPLOYER_CHECK, SPECIALIST_PERMIT } from './rules/index.js';
import type { Answer, RegistryFailure } from './rules/rule.js';
import type { SisFacts } from './rules/sis.js';
import type { SpecialistPermitFacts } from './rules/specialist-permit.js';
import type { Thresholds } from '../../contracts/check-thresholds.js';

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

/** A loader's answer, or the registry's failure as evidence; anything else (a bug) still throws. */
async function answerOf<T>(load: () => Promise<RegistryAnswer<T>>): Promise<Answer<T>> {
  try {
    const { record, provenance } = await load();
    return { ok: true, record, provenance };
  } catch (error) {
    if (error instanceof RegistryError) return { ok: false, failure: failureOf(error) };
    throw error;
  }
}

export class PrerequisiteChecker {
  constructor(
    private readonly registries: RegistryReaders,
    private readonly thresholds: Thresholds,
  ) {}

  /** The check of one application as of `asOf`; asked twice in a request, it runs once. */
  check(context: SubgraphContext, application: ApplicationAnswer, asOf: IsoDate): Promise<PrerequisiteCheck> {
    return perRequest(context, `prerequisiteCheck:${application.record.id}:${asOf}`, () => this.run(context, application, asOf));
  }

  private async run(context: SubgraphContext, { record, provenance }: ApplicationAnswer, asOf: IsoDate): Promise<PrerequisiteCheck> {
    const subject = { applicationId: record.id, applicationType: record.type, asOf };
    // Taken once the facts are in, so the log's time is after every answer it rests on.
    const at = () => ({ ...subject, evaluatedAt: new Date().toISOString() });
    switch (record.type) {
      case 'WORK_PERMIT': {
        const facts = await this.employerCheckFacts(context, record, provenance);
        return evaluateRuleSet(EMPLOYER_CHECK, facts, this.thresholds, at());
      }
      case 'CITIZENSHIP': {
        const facts = await this.citizenshipFacts(context, record, provenance);
        return evaluateRuleSet(CITIZENSHIP, facts, this.thresholds, at());
      }
      case 'SPECIALIST_PERMIT': {
        const facts: SpecialistPermitFacts = {
          application: record,
          applicationProvenance: provenance,
          ...(await this.sisFacts(context, record)),
        };
        return evaluateRuleSet(SPECIALIST_PERMIT, facts, this.thresholds, at());
      }
      case 'FAMILY_TIES':
      case 'STUDY':
        return withoutRuleSet(at());
    }
  }

  private async sisFacts(context: SubgraphContext, application: CaseApplication): Promise<SisFacts> {
    return { sis: await answerOf(() => this.registries.sis.search(context, SisRegistryClient.searchFor(application.applicant))) };
  }

  private async employerCheckFacts(
    context: SubgraphContext,
    application: CaseApplication,
    provenance: Provenance,
  ): Promise<EmployerCheckFacts> {
    const businessId = application.employerBusinessId;
    // Every load starts before the first await, so a page's checks land in the same batches.
    const [company, compliance, sis] = await Promise.all([
      businessId ? answerOf(() => this.registries.tradeRegister.company(context, businessId)) : null,
      businessId ? answerOf(() => this.registries.tax.complianceReport(context, businessId)) : null,
      this.sisFacts(context, application),
    ]);
    return { businessId, applicationProvenance: provenance, company, compliance, ...sis };
  }

  private async citizenshipFacts(
    context: SubgraphContext,
    application: CaseApplication,
    provenance: Provenance,
  ): Promise<CitizenshipFacts> {
    const code = application.applicant.personalIdentityCode;
    const [population, personalTaxDebt, police, sis] = await Promise.all([
      code ? answerOf(() => this.registries.population.person(context, code)) : null,
      code ? answerOf(() => this.registries.tax.personalTaxDebt(context, code)) : null,
      answerOf(() => this.registries.police.records(context, application.applicant)),
      this.sisFacts(context, application),
    ]);
    return { application, applicationProvenance: provenance, population, personalTaxDebt, police, ...sis };
  }
}
