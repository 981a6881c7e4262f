/**
 * The case register (UMA) as the applications subgraph reads it. Applications carry their
 * applicant, so every application answer also primes the applicant loader: a worklist of 100
 * applications and their applicants is one registry call.
 */
import { batchLoader, type RegistryAnswer } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { RegistryResponse, XRoadClient } from '../shared/xroad-client.js';
import type {
  ApplicantSearchRequest,
  ApplicantSearchResponse,
  ApplicationListResponse,
  ApplicationStatus,
  ApplicationType,
  CaseApplicant,
  CaseApplication,
} from './registry-api.js';

export interface WorklistQuery {
  status?: ApplicationStatus | null;
  type?: ApplicationType | null;
  employerBusinessId?: string | null;
  limit: number;
  cursor?: string | null;
}

export class CaseRegisterClient {
  constructor(private readonly xroad: XRoadClient) {}

  private applications(context: SubgraphContext) {
    return batchLoader<CaseApplication>(this.xroad, context, 'applications/batch');
  }

  private applicants(context: SubgraphContext) {
    return batchLoader<CaseApplicant>(this.xroad, context, 'applicants/batch');
  }

  async application(context: SubgraphContext, id: string): Promise<RegistryAnswer<CaseApplication>> {
    const answer = await this.applications(context).load(id);
    if (answer.record) this.rememberApplicant(context, answer.record, answer);
    return answer;
  }

  applicant(context: SubgraphContext, id: string): Promise<RegistryAnswer<CaseApplicant>> {
    return this.applicants(context).load(id);
  }

  async applicationsOfApplicant(context: SubgraphContext, applicantId: string) {
    return this.remembered(context, await batchLoader<CaseApplication[]>(this.xroad, context, 'applications/by-applicant').load(applicantId));
  }

  async applicationsOfEmployer(context: SubgraphContext, businessId: string) {
    return this.remembered(context, await batchLoader<CaseApplication[]>(this.xroad, context, 'applications/by-employer').load(businessId));
  }

  async worklist(context: SubgraphContext, query: WorklistQuery): Promise<RegistryResponse<ApplicationListResponse>> {
    const response = await this.xroad.call<ApplicationListResponse>(context, {
      method: 'GET',
      service: 'applications',
      query: {
        status: query.status ?? undefined,
        type: query.type ?? undefined,
        employerBusinessId: query.employerBusinessId ?? undefined,
        limit: query.limit,
        cursor: query.cursor ?? undefined,
      },
      keys: query.limit,
    });
    for (const application of response.body.items) {
      this.applications(context).prime(application.id, { record: application, provenance: response.provenance });
      this.rememberApplicant(context, application, response);
    }
    return response;
  }

  async searchApplicants(context: SubgraphContext, criteria: ApplicantSearchRequest): Promise<RegistryResponse<ApplicantSearchResponse>> {
    const response = await this.xroad.call<ApplicantSearchResponse>(context, {
      method: 'POST',
      service: 'applicants/search',
      body: criteria,
      keys: 1,
    });
    for (const applicant of response.body.items) {
      this.applicants(context).prime(applicant.id, { record: applicant, provenance: response.provenance });
    }
    return response;
  }

  private remembered(context: SubgraphContext, answer: RegistryAnswer<CaseApplication[]>): RegistryAnswer<CaseApplication[]> {
    for (const application of answer.record ?? []) this.rememberApplicant(context, application, answer);
    return answer;
  }

  private rememberApplicant(context: SubgraphContext, application: CaseApplication, source: { provenance: RegistryAnswer<unknown>['provenance'] }) {
    this.applicants(context).prime(application.applicant.id, { record: application.applicant, provenance: source.provenance });
  }
}
