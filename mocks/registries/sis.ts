/**
 * SIS II through the national N.SIS, per subgraphs/sis/registry-api.ts. One subject per call.
 * An alert matches on the personal identity code, on a document number (compared upper-case
 * without spaces or hyphens), or on family name + first given name + date of birth, compared
 * without diacritics or case, under the alert's own name or any of its aliases; a nationality,
 * when given, must be among the alert's nationalities for a name match. `matchedOn` lists every
 * criterion an alert matched. Hits come in the order the alerts are stored.
 */
import type { SisAlert, SisMatchOn, SisPersonSearchResult } from '../../contracts/registries/sis.js';
import type { StoredSisAlert } from '../dataset/sections/sis.js';
import type { Dataset } from '../dataset/types.js';
import { biographicKey } from './names.js';
import {
  badRequest,
  codeKey,
  defineRegistryService,
  groupBy,
  groupByEach,
  ok,
  optionalString,
  readJsonObject,
  type RegistryService,
  type ServiceRequest,
  type ServiceResponse,
} from './service.js';

function documentKey(number: string): string {
  return number.toUpperCase().replace(/[\s-]+/g, '');
}

export function createSisService(dataset: Dataset): RegistryService {
  const { alerts } = dataset.sis;
  const position = new Map<StoredSisAlert, number>(alerts.map((alert, i) => [alert, i]));
  const byCode = groupBy(alerts, (alert) => (alert.personalIdentityCode ? codeKey(alert.personalIdentityCode) : null));
  const byDocument = groupByEach(alerts, (alert) => alert.documents.map((document) => documentKey(document.number)));
  const byName = groupByEach(alerts, (alert) => {
    const { dateOfBirth } = alert;
    if (!dateOfBirth) return [];
    return [alert, ...alert.aliases].map((name) => biographicKey(name.familyName, name.givenNames, dateOfBirth));
  });

  function personSearch(request: ServiceRequest): ServiceResponse {
    const body = readJsonObject(request);
    if (!body.ok) return body.response;
    const fields = ['personalIdentityCode', 'givenNames', 'familyName', 'dateOfBirth', 'nationality', 'documentNumber'] as const;
    const search: Partial<Record<(typeof fields)[number], string>> = {};
    for (const field of fields) {
      const value = optionalString(body.value, field);
      if (!value.ok) return value.response;
      search[field] = value.value;
    }
    const byNames = search.familyName && search.givenNames && search.dateOfBirth;
    if (!search.personalIdentityCode && !search.documentNumber && !byNames) {
      return badRequest('search by personalIdentityCode, by documentNumber, or by familyName, givenNames and dateOfBirth');
    }
    const matched = new Map<StoredSisAlert, SisMatchOn[]>();
    const add = (found: readonly StoredSisAlert[] | undefined, on: SisMatchOn) => {
      for (const alert of found ?? []) {
        const reasons = matched.get(alert);
        if (!reasons) matched.set(alert, [on]);
        else if (!reasons.includes(on)) reasons.push(on);
      }
    };
    if (search.personalIdentityCode) add(byCode.get(codeKey(search.personalIdentityCode)), 'PERSONAL_IDENTITY_CODE');
    if (search.documentNumber) add(byDocument.get(documentKey(search.documentNumber)), 'DOCUMENT_NUMBER');
    if (search.familyName && search.givenNames && search.dateOfBirth) {
      const { nationality } = search;
      const sameName = byName.get(biographicKey(search.familyName, search.givenNames, search.dateOfBirth)) ?? [];
      add(nationality ? sameName.filter((alert) => alert.nationalities.includes(nationality)) : sameName, 'NAME_AND_DATE_OF_BIRTH');
    }
    const hits = [...matched].sort(([a], [b]) => position.get(a)! - position.get(b)!).map(([alert, matchedOn]) => asHit(alert, matchedOn));
    const result: SisPersonSearchResult = { hits };
    return ok(result);
  }

  return defineRegistryService('sis', { 'POST personSearch': personSearch });
}

/** The alert as SIS answers it: without the stored identity code, with what the search matched. */
function asHit(alert: StoredSisAlert, matchedOn: SisMatchOn[]): SisAlert {
  return {
    alertId: alert.alertId,
    article: alert.article,
    legalBasis: alert.legalBasis,
    givenNames: alert.givenNames,
    familyName: alert.familyName,
    aliases: alert.aliases,
    dateOfBirth: alert.dateOfBirth,
    placeOfBirth: alert.placeOfBirth,
    nationalities: alert.nationalities,
    warningMarkers: alert.warningMarkers,
    reason: alert.reason,
    issuingState: alert.issuingState,
    actionToTake: alert.actionToTake,
    documents: alert.documents,
    matchedOn,
  };
}
