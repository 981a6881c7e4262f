/**
 * Police case management, per subgraphs/police/registry-api.ts. One subject per call: by
 * personal identity code, else by biographic data. A biographic match compares family name,
 * first given name and date of birth without diacritics or case, and, when both the query and the
 * stored subject name a nationality, the nationality too. Several matching subjects are answered
 * as one (their entries together).
 */
import type { PoliceSubjectRecords } from '../../contracts/registries/police.js';
import type { StoredPoliceSubject } from '../dataset/sections/police.js';
import type { Dataset } from '../dataset/types.js';
import { biographicKey } from './names.js';
import {
  badRequest,
  codeKey,
  defineRegistryService,
  groupBy,
  ok,
  optionalString,
  readJsonObject,
  type RegistryService,
  type ServiceRequest,
  type ServiceResponse,
} from './service.js';

export function createPoliceService(dataset: Dataset): RegistryService {
  const byCode = groupBy(dataset.police.subjects, ({ subject }) =>
    'personalIdentityCode' in subject ? codeKey(subject.personalIdentityCode) : null,
  );
  const byBiographic = groupBy(dataset.police.subjects, ({ subject }) =>
    'personalIdentityCode' in subject ? null : biographicKey(subject.familyName, subject.givenNames, subject.dateOfBirth),
  );

  function subjectRecords(request: ServiceRequest): ServiceResponse {
    const body = readJsonObject(request);
    if (!body.ok) return body.response;
    const fields = ['personalIdentityCode', 'givenNames', 'familyName', 'dateOfBirth', 'nationality'] as const;
    const query: Partial<Record<(typeof fields)[number], string>> = {};
    for (const field of fields) {
      const value = optionalString(body.value, field);
      if (!value.ok) return value.response;
      query[field] = value.value;
    }
    if (query.personalIdentityCode) {
      return ok(answer('PERSONAL_IDENTITY_CODE', byCode.get(codeKey(query.personalIdentityCode)) ?? []));
    }
    if (!query.givenNames || !query.familyName || !query.dateOfBirth) {
      return badRequest('ask for one subject: personalIdentityCode, or givenNames, familyName and dateOfBirth (nationality optional)');
    }
    const { nationality } = query;
    const candidates = byBiographic.get(biographicKey(query.familyName, query.givenNames, query.dateOfBirth)) ?? [];
    const matches = candidates.filter(({ subject }) => {
      const stored = 'nationality' in subject ? subject.nationality : null;
      return !nationality || !stored || stored === nationality;
    });
    return ok(answer('BIOGRAPHIC', matches));
  }

  return defineRegistryService('police', { 'POST subjectRecords': subjectRecords });
}

function answer(matchedBy: PoliceSubjectRecords['matchedBy'], subjects: readonly StoredPoliceSubject[]): PoliceSubjectRecords {
  return {
    matchedBy,
    subjectKnown: subjects.length > 0,
    offences: subjects.flatMap((s) => s.offences),
    pendingInvestigations: subjects.flatMap((s) => s.pendingInvestigations),
    restrainingOrders: subjects.flatMap((s) => s.restrainingOrders),
    businessBans: subjects.flatMap((s) => s.businessBans),
  };
}
