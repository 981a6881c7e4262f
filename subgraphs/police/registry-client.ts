/**
 * Police case management as the police subgraph reads it: one subject per call, by identity
 * code when the applicant has one, otherwise by names, date of birth and nationality.
 */
import { subjectLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import { biographicKey, searchNationality, type ApplicantSubject } from '../shared/subjects.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { PoliceSubjectQuery, PoliceSubjectRecords } from '../../contracts/registries/police.js';

export class PoliceRegistryClient {
  constructor(
    private readonly xroad: XRoadClient,
    private readonly concurrency: number,
  ) {}

  static queryFor(subject: ApplicantSubject): PoliceSubjectQuery {
    if (subject.personalIdentityCode) return { personalIdentityCode: subject.personalIdentityCode };
    return {
      givenNames: subject.givenNames,
      familyName: subject.familyName,
      dateOfBirth: subject.dateOfBirth,
      nationality: searchNationality(subject),
    };
  }

  records(context: SubgraphContext, subject: ApplicantSubject): Promise<RegistryAnswer<PoliceSubjectRecords>> {
    return subjectLoader<PoliceSubjectQuery, PoliceSubjectRecords>(this.xroad, context, {
      service: 'subjectRecords',
      subjectKey: (query) =>
        'personalIdentityCode' in query ? `code:${query.personalIdentityCode}` : `bio:${biographicKey(query, query.nationality)}`,
      // A change notice names a person by identity code; biographic answers expire by TTL.
      subjectsOf: (query) => ('personalIdentityCode' in query ? [query.personalIdentityCode] : []),
      concurrency: this.concurrency,
    }).load(PoliceRegistryClient.queryFor(subject));
  }
}
