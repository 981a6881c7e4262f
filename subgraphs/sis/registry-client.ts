/**
 * SIS II as the SIS subgraph reads it: one person search per call, with everything known
 * about the applicant (identity code, travel document number, names with date of birth), so
 * an applicant without a Finnish code is searched too.
 */
import { subjectLoader } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import { biographicKey, searchNationality, type ApplicantSubject } from '../shared/subjects.js';
import type { RegistryAnswer, XRoadClient } from '../shared/xroad-client.js';
import type { SisMatchOn, SisPersonSearch, SisPersonSearchResult } from '../../contracts/registries/sis.js';

export class SisRegistryClient {
  constructor(
    private readonly xroad: XRoadClient,
    private readonly concurrency: number,
  ) {}

  static searchFor(subject: ApplicantSubject): SisPersonSearch {
    return {
      personalIdentityCode: subject.personalIdentityCode ?? null,
      givenNames: subject.givenNames,
      familyName: subject.familyName,
      dateOfBirth: subject.dateOfBirth,
      nationality: searchNationality(subject),
      documentNumber: subject.travelDocument?.number ?? null,
    };
  }

  /** The criteria a search used, as the graph reports them. */
  static criteriaOf(search: SisPersonSearch): SisMatchOn[] {
    const criteria: SisMatchOn[] = [];
    if (search.personalIdentityCode) criteria.push('PERSONAL_IDENTITY_CODE');
    if (search.documentNumber) criteria.push('DOCUMENT_NUMBER');
    if (search.familyName && search.dateOfBirth) criteria.push('NAME_AND_DATE_OF_BIRTH');
    return criteria;
  }

  search(context: SubgraphContext, search: SisPersonSearch): Promise<RegistryAnswer<SisPersonSearchResult>> {
    return subjectLoader<SisPersonSearch, SisPersonSearchResult>(this.xroad, context, {
      service: 'personSearch',
      subjectKey: (query) =>
        `${query.personalIdentityCode ?? ''}|${query.documentNumber ?? ''}|${biographicKey(
          { givenNames: query.givenNames ?? '', familyName: query.familyName ?? '', dateOfBirth: query.dateOfBirth ?? '' },
          query.nationality ?? null,
        )}`,
      subjectsOf: (query) => [query.personalIdentityCode, query.documentNumber].filter((subject): subject is string => !!subject),
      concurrency: this.concurrency,
    }).load(search);
  }
}
