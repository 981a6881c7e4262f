/**
 * Looking things up in the mocks' data set from tests, so expectations come from the data the
 * registries serve rather than from numbers written into the test.
 */
import type { Dataset } from '../mocks/dataset/types.js';
import type { CaseApplicant } from '../contracts/registries/case-register.js';
import { formatHetu } from '../contracts/identifiers.js';

export function applicationOf(dataset: Dataset, applicationId: string) {
  const application = dataset.caseRegister.applications.find((a) => a.id === applicationId);
  if (!application) throw new Error(`no application ${applicationId} in the data set`);
  return application;
}

export function applicantOf(dataset: Dataset, applicationId: string): CaseApplicant {
  const { applicantId } = applicationOf(dataset, applicationId);
  return dataset.caseRegister.applicants.find((a) => a.id === applicantId)!;
}

/** The representation the gateway sends police and SIS for an applicant (@requires fields included). */
export function applicantRepresentation(applicant: CaseApplicant) {
  return {
    __typename: 'Applicant',
    id: applicant.id,
    personalIdentityCode: applicant.personalIdentityCode,
    givenNames: applicant.givenNames,
    familyName: applicant.familyName,
    dateOfBirth: applicant.dateOfBirth,
    nationalities: applicant.nationalities,
    travelDocument: applicant.travelDocument ? { number: applicant.travelDocument.number } : null,
  };
}

/** A valid personal identity code no registry in the data set knows. */
export function unknownPersonalIdentityCode(dataset: Dataset): string {
  const known = new Set(dataset.population.persons.map((p) => p.personalIdentityCode));
  for (let individual = 899; ; individual--) {
    const code = formatHetu('1950-06-15', '-', individual);
    if (!known.has(code)) return code;
  }
}
