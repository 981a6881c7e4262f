/**
 * The case register (UMA) as the applications subgraph reads it. Applications carry their
 * applicant, so every application answer also primes the applicant loader: a worklist of 100
 * applications and their applicants is one registry call.
 */
import { badUserInput } from '../../platform/errors.js';
import { RegistryError } from '../shared/registry-error.js';
import { batchLoader, cachedCall } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type {
  ApplicantSearchRequest,
  ApplicantSearchResponse,
  ApplicationListResponse,
  ApplicationStatus,
  ApplicationType,
  CaseApplication,
  RegisteredApplicant,
} from '../../contracts/registries/case-register.js';

/** A page of the case register's listing; a cursor the register refuses is BAD_USER_INPUT on `after`. */
export interface WorklistQuery {
  status?: ApplicationStatus | null;
  type?: ApplicationType | null;
  employerBusinessId?: string | null;
  /** Only cases of these units; every unit when 'all'. */
  units: 'all' | readonly string[];
  limit: number;
  cursor?: string | null;
}

export class CaseRegisterClient {
  constructor(private readonly xroad: XRoadClient) {}

  // Each answer is filed under the case-register ids and identity code it is about, so a
  // change notice about any of them evicts it.
  private applications(context: SubgraphContext) {
    return batchLoader<CaseApplication>(this.xroad, context, 'applications/batch', (id, application) =>
      application ? subjectsOfApplication(application) : [id],
    );
  }

  private applicants(context: SubgraphContext) {
    return batchLoader<RegisteredApplicant>(this.xroad, context, 'applicants/batch', (id, applicant) =>
      applicant?.personalIdentityCode ? [id, applicant.personalIdentityCode] : [id],
    );
  }

  async application(context: SubgraphContext, id: string): Promise<RegistryAnswer<CaseApplication>> {
    const answer = await this.applications(context).load(id);
    if (answer.record) this.rememberApplicant(context, answer.record, answer);
    return answer;
  }

  applicant(context: SubgraphContext, id: string): Promise<RegistryAnswer<RegisteredApplicant>> {
    return this.applicants(context).load(id);
  }

  async applicationsOfApplicant(context: SubgraphContext, applicantId: string) {
    const loader = batchLoader<CaseApplication[]>(this.xroad, context, 'applications/by-applicant', subjectsOfApplications);
    return this.remembered(context, await loader.load(applicantId));
  }

  async applicationsOfEmployer(context: SubgraphContext, businessId: string) {
    const loader = batchLoader<CaseApplication[]>(this.xroad, context, 'applications/by-employer', subjectsOfApplications);
    return this.remembered(context, await loader.load(businessId));
  }

  async worklist(
    context: SubgraphContext,
    worklist: WorklistQuery,
  ): Promise<RegistryAnswer<ApplicationListResponse> & { record: ApplicationListResponse }> {
    const query = {
      status: worklist.status ?? undefined,
      type: worklist.type ?? undefined,
      employerBusinessId: worklist.employerBusinessId ?? undefined,
      units: worklist.units === 'all' ? undefined : worklist.units.join(','),
      limit: worklist.limit,
      cursor: worklist.cursor ?? undefined,
    };
    let answer;
    try {
      answer = await cachedCall<ApplicationListResponse>(
        this.xroad,
        context,
        { service: 'applications', cacheKey: JSON.stringify(query), subjectsOf: (page) => page.items.flatMap(subjectsOfApplication) },
        () => this.xroad.call<ApplicationListResponse>(context, { method: 'GET', service: 'applications', query, keys: worklist.limit }),
      );
    } catch (error) {
      // The cursor is the case register's own; when it refuses one, the caller sent a bad `after`.
      if (query.cursor && error instanceof RegistryError && error.details.status === 400) {
        throw badUserInput('after is not a cursor this listing returned', { argument: 'after' });
      }
      throw error;
    }
    for (const application of answer.record.items) {
      this.applications(context).prime(application.id, { record: application, provenance: answer.provenance });
      this.rememberApplicant(context, application, answer);
    }
    return answer;
  }

  async searchApplicants(
    context: SubgraphContext,
    criteria: ApplicantSearchRequest,
  ): Promise<RegistryAnswer<ApplicantSearchResponse> & { record: ApplicantSearchResponse }> {
    const answer = await cachedCall<ApplicantSearchResponse>(
      this.xroad,
      context,
      {
        service: 'applicants/search',
        cacheKey: JSON.stringify(criteria),
        subjectsOf: (found) =>
          found.items.flatMap((applicant) => [applicant.id, ...(applicant.personalIdentityCode ? [applicant.personalIdentityCode] : [])]),
      },
      () => this.xroad.call<ApplicantSearchResponse>(context, { method: 'POST', service: 'applicants/search', body: criteria, keys: 1 }),
    );
    for (const applicant of answer.record.items) {
      this.applicants(context).prime(applicant.id, { record: applicant, provenance: answer.provenance });
    }
    return answer;
  }

  private remembered(context: SubgraphContext, answer: RegistryAnswer<CaseApplication[]>): RegistryAnswer<CaseApplication[]> {
    for (const application of answer.record ?? []) this.rememberApplicant(context, application, answer);
    return answer;
  }

  private rememberApplicant(
    context: SubgraphContext,
    application: CaseApplication,
    source: { provenance: RegistryAnswer<unknown>['provenance'] },
  ) {
    this.applicants(context).prime(application.applicant.id, { record: application.applicant, provenance: source.provenance });
  }
}

/** The case-register ids and identity code an application is about. */
function subjectsOfApplication(application: CaseApplication): string[] {
  const { applicant } = application;
  return [application.id, applicant.id, ...(applicant.personalIdentityCode ? [applicant.personalIdentityCode] : [])];
}

function subjectsOfApplications(key: string, applications: CaseApplication[] | null): string[] {
  return [key, ...(applications ?? []).flatMap(subjectsOfApplication)];
}
